package com.cspflow.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Partner Center's error body, {code, description, data, source}, for every sandbox controller. Not the
 * application's problem details: the sandbox must answer exactly as Microsoft does, or the client that reads
 * these bodies would be tested against something it never meets in production.
 */
@RestControllerAdvice(basePackageClasses = SandboxErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SandboxErrorHandler {

  static Map<String, Object> body(int code, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("description", description);
    body.put("data", List.of());
    body.put("source", "PartnerFD");
    return body;
  }

  @ExceptionHandler(SandboxError.class)
  ResponseEntity<Map<String, Object>> refused(SandboxError error) {
    return ResponseEntity.status(error.httpStatus()).contentType(MediaType.APPLICATION_JSON)
        .body(body(error.code(), error.description()));
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
  ResponseEntity<Map<String, Object>> unreadable(Exception error) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(body(SandboxError.INVALID_REQUEST, "The request is not valid: " + error.getClass().getSimpleName()));
  }
}
