package com.cspflow.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What Partner Center does before an endpoint runs: the bearer token (401 without one, or with one issued for
 * another audience such as Microsoft Graph), the operation's grant (403 when a token other than an app+user one
 * with MFA calls an {@link SandboxOperation.Grant#APP_USER} operation), the echoed MS-RequestId / MS-CorrelationId
 * and an MS-CV, and the injected faults. The token is handed to the endpoint as request attribute
 * {@value #ACCESS_TOKEN}. The admin and token endpoints are outside {@code /v1} (and the price sheets' {@code /v1.0})
 * and need no token.
 */
@Component
class SandboxInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  static final String ACCESS_TOKEN = "sandbox.accessToken";

  private final SandboxTokens tokens;
  private final SandboxFaults faults;
  private final ObjectMapper json;

  SandboxInterceptor(SandboxTokens tokens, SandboxFaults faults, ObjectMapper json) {
    this.tokens = tokens;
    this.faults = faults;
    this.json = json;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v1/**", "/v1.0/**", "/webhooks/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException, InterruptedException {
    echo(request, response, "MS-RequestId");
    echo(request, response, "MS-CorrelationId");
    response.setHeader("MS-CV", UUID.randomUUID().toString().substring(0, 22) + ".0");
    Optional<SandboxTokens.AccessToken> token = tokens.validate(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      return refuse(response, 401, 401, "Unauthorized: a valid bearer token is required");
    }
    // Partner Center's REST API is /v1; Microsoft's Partner API (price sheets) is /v1.0 on another host, and takes
    // tokens for its own resource only.
    SandboxTokens.Audience expected = request.getRequestURI().startsWith("/v1.0/")
        ? SandboxTokens.Audience.PARTNER_API : SandboxTokens.Audience.PARTNER_CENTER;
    if (token.get().audience() != expected) {
      return refuse(response, 401, 401, "Unauthorized: the token was issued for " + token.get().audience().resource()
          + ", not for " + expected.resource());
    }
    request.setAttribute(ACCESS_TOKEN, token.get());
    SandboxOperation operation = handler instanceof HandlerMethod method
        ? method.getMethodAnnotation(SandboxOperation.class) : null;
    if (operation == null) {
      return true;
    }
    if (operation.grant() == SandboxOperation.Grant.APP_USER && !token.get().isAppAndUserWithMfa()) {
      return refuse(response, 403, SandboxError.ACTION_NOT_ALLOWED, "This resource can't be accessed by application "
          + "credentials: " + operation.value() + " needs app+user credentials, a partner user's consent with MFA");
    }
    SandboxFaults.Verdict verdict = faults.before(operation.value());
    if (verdict instanceof SandboxFaults.ServerError) {
      return refuse(response, 500, 500, "Injected fault: internal server error");
    }
    if (verdict instanceof SandboxFaults.Throttled throttled) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(response.getOutputStream(), Map.of("statusCode", 429, "message",
          "Rate limit is exceeded. Try again in " + throttled.retryAfterSeconds() + " seconds."));
      return false;
    }
    return true;
  }

  private boolean refuse(HttpServletResponse response, int status, int code, String description) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), SandboxErrorHandler.body(code, description));
    return false;
  }

  private static void echo(HttpServletRequest request, HttpServletResponse response, String header) {
    String value = request.getHeader(header);
    if (value != null) {
      response.setHeader(header, value);
    }
  }
}
