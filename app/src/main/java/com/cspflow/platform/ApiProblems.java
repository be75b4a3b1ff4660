package com.cspflow.platform;

import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.input.ProcessCommands;
import com.cspflow.platform.security.ApiClients;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The project API's refusals as RFC 9457 problem details: 400 whose {@code problems} name every bad field (in the
 * body, the path or the query), 404 for what does not exist or is not the caller's, 409 for a conflict, 403 for a
 * permission the engine refuses. A body never carries SQL, a stack frame or a class name; an unexpected failure is a
 * 500 with a reference to the log line that holds the details.
 */
@RestControllerAdvice(basePackages = "com.cspflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(InvalidProcessInput.class)
  ProblemDetail invalidInput(InvalidProcessInput invalid) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", invalid.problems());
  }

  @ExceptionHandler(ConflictingProcessInput.class)
  ProblemDetail conflict(ConflictingProcessInput conflict) {
    return problem(HttpStatus.CONFLICT, "Conflict", conflict.problems());
  }

  @ExceptionHandler(ApiClients.ClientIdTaken.class)
  ProblemDetail clientIdTaken(ApiClients.ClientIdTaken taken) {
    return problem(HttpStatus.CONFLICT, "Conflict", Map.of("clientId", "is registered already"));
  }

  /** The caller learns what happened and when to retry; the operators find the cause (which address, why) in the log. */
  @ExceptionHandler(OutsideServiceUnavailable.class)
  ResponseEntity<ProblemDetail> unavailable(OutsideServiceUnavailable unavailable) {
    Throwable cause = unavailable.getCause();
    LOG.warn("Answered 503 ({}) because of {}", unavailable.getMessage(), cause == null ? "no cause given"
        : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage());
    problem.setTitle("Service Unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60").body(problem);
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound missing) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, missing.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail notAllowed(AuthorizationException refused) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You may not do this");
    problem.setTitle("Forbidden");
    return problem;
  }

  /**
   * A conflict the database found (two requests at the same moment); never the statement in the answer. Only a
   * duplicate key or a lock is a conflict: a value that does not fit its column or breaks another constraint passed
   * validation it should not have, which is our failure, not the caller's (500 with a reference).
   */
  @ExceptionHandler({DuplicateKeyException.class, PessimisticLockingFailureException.class})
  ProblemDetail concurrentChange(RuntimeException conflict) {
    LOG.info("Request refused as a conflict: {}", conflict.getClass().getSimpleName());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "This conflicts with what exists or with a request made at the same moment; read the current state and retry");
    problem.setTitle("Conflict");
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception failure) {
    String reference = UUID.randomUUID().toString();
    LOG.error("Unexpected failure, reference {}", reference, failure);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; the operators can look it up by its reference");
    problem.setTitle("Internal error");
    problem.setProperty("reference", reference);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> problems = invalid.getBindingResult().getFieldErrors().stream().collect(Collectors.toMap(
        FieldError::getField, ApiProblems::problemOf, (a, b) -> a + "; " + b, LinkedHashMap::new));
    invalid.getBindingResult().getGlobalErrors().forEach(e -> problems.putIfAbsent(e.getObjectName(),
        String.valueOf(e.getDefaultMessage())));
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", problems));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> problems = new LinkedHashMap<>();
    invalid.getParameterValidationResults().forEach(result -> {
      if (result instanceof ParameterErrors body) {
        body.getFieldErrors().forEach(error -> problems.merge(error.getField(), problemOf(error),
            (a, b) -> a + "; " + b));
      } else {
        String name = result.getMethodParameter().getParameterName();
        result.getResolvableErrors().forEach(error -> problems.merge(name == null ? "parameter" : name,
            String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b));
      }
    });
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> problems = new LinkedHashMap<>();
    Throwable cause = unreadable.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      problems.put(unknown.getPropertyName(), "is not a field you can set here");
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
        && mapping.getPath().get(0).getFieldName() != null) {
      String field = mapping.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName()
          : "[" + p.getIndex() + "]").collect(Collectors.joining("."));
      problems.put(field, expectedType(mapping));
    } else if (cause instanceof JsonParseException parse && duplicateField(parse) != null) {
      problems.put(duplicateField(parse), "is given more than once");
    } else if (cause instanceof JsonParseException) {
      problems.put("body", "is not valid JSON");
    } else {
      problems.put("body", "must be a JSON object with the fields of this request");
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", problems));
  }

  /** A body in a media type this path does not read (text/plain where JSON is read): 415 naming the header. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException unsupported,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String readable = unsupported.getSupportedMediaTypes().stream().filter(type -> !type.isWildcardType())
        .map(type -> type.getType() + "/" + type.getSubtype()).distinct().collect(Collectors.joining(" or "));
    ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        Map.of(HttpHeaders.CONTENT_TYPE, "must be " + (readable.isEmpty() ? "application/json" : readable)));
    HttpHeaders accepted = new HttpHeaders();
    accepted.addAll(headers);
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(accepted).body(problem);
  }

  /**
   * A query or path value that is not of the parameter's type: the parameter named with what it must be (one of the
   * choices; a whole number within the parameter's own {@code @Min}/{@code @Max}, else its type's range).
   */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException mismatch,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
        : mismatch.getPropertyName();
    Class<?> type = mismatch.getRequiredType();
    String expected = "is not valid here";
    if (type != null && type.isEnum()) {
      expected = ProcessCommands.expectedOf(type);
    } else if (ProcessCommands.isWholeNumber(type)) {
      MethodParameter parameter = mismatch instanceof MethodArgumentTypeMismatchException argument
          ? argument.getParameter() : null;
      expected = ProcessCommands.wholeNumber(type, parameter == null ? null
          : parameter.getParameterAnnotation(Min.class), parameter == null ? null
          : parameter.getParameterAnnotation(Max.class));
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input",
        Map.of(name == null ? "parameter" : name, expected)));
  }

  /** What Bean Validation found wrong with a field, as {@link ProcessCommands#problemOf} words it. */
  private static String problemOf(FieldError error) {
    if (error.contains(ConstraintViolation.class)) {
      return ProcessCommands.problemOf(error.unwrap(ConstraintViolation.class));
    }
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  /** Jackson's strict duplicate detection says "Duplicate field 'name'"; the name, or null for another error. */
  private static String duplicateField(JsonParseException parse) {
    java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(parse.getOriginalMessage()));
    return duplicate.find() ? duplicate.group(1) : null;
  }

  private static final java.util.regex.Pattern DUPLICATE_FIELD =
      java.util.regex.Pattern.compile("^Duplicate field '([A-Za-z][A-Za-z0-9]{0,63})'");

  /**
   * What the field Jackson could not fill must be: its type in words, a whole number within the field's own
   * {@code @Min}/{@code @Max}. A number too large for the field's type (Jackson's coercion failure, wrapped with the
   * field's path) is the same mistake as text where a number is.
   */
  private static String expectedType(JsonMappingException mapping) {
    Class<?> target = null;
    if (mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
      target = mismatch.getTargetType();
    } else if (mapping.getCause() instanceof InputCoercionException tooLarge) {
      target = tooLarge.getTargetType();
    }
    if (target == null) {
      return "is not valid here";
    }
    JsonMappingException.Reference field = mapping.getPath().get(mapping.getPath().size() - 1);
    Object from = field.getFrom();
    Class<?> owner = from instanceof Class<?> type ? type : from == null ? null : from.getClass();
    return ProcessCommands.expectedOf(owner, field.getFieldName(), target);
  }

  private static ProblemDetail problem(HttpStatus status, String title, Map<String, String> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, problems.entrySet().stream()
        .map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining("; ")));
    problem.setTitle(title);
    problem.setProperty("problems", problems);
    return problem;
  }
}
