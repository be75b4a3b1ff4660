package com.cspflow.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 as RFC 9457 problem details, saying how to sign in, never why a sign-in failed in detail. */
@Component
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String CHALLENGE = "Bearer realm=\"cspflow\", Basic realm=\"cspflow\"";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failed)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    write(request, response, 401, "Unauthorized", "Sign in: an API client with a bearer token from POST /oauth2/token "
        + "(client credentials), a person with HTTP Basic");
  }

  /**
   * 401 for Camunda's REST API, which takes no bearer token: an API client's token there was answered "get a bearer
   * token", which it had. This says what the path takes instead, and challenges for that only.
   */
  public AuthenticationEntryPoint administratorsOnly() {
    return (request, response, failed) -> {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cspflow\"");
      write(request, response, 401, "Unauthorized", "Camunda's REST API (/engine-rest) is for administrators, "
          + "signed in with HTTP Basic; API clients' bearer tokens are for the project API (/api)");
    };
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    write(request, response, 403, "Forbidden", "You may not do this");
  }

  /**
   * A problem body of the given status, its {@code instance} the request's path as in the answers of Spring MVC (in
   * an error page's dispatch, the path of the refused request); also used by the filters that answer before Spring
   * MVC.
   */
  public void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    write(request, response, status, title, detail, Map.of());
  }

  /** As {@link #write(HttpServletRequest, HttpServletResponse, int, String, String)}, naming each bad input. */
  public void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail, Map<String, String> problems) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String refused
        ? refused : request.getRequestURI());
    if (!problems.isEmpty()) {
      body.put("problems", problems);
    }
    json.writeValue(response.getOutputStream(), body);
  }
}
