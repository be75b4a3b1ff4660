package com.cspflow.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What Microsoft Graph does before a {@code /graph/**} endpoint runs: a {@code request-id} per call (the caller's
 * {@code client-request-id} echoed), and a bearer token issued for Graph, app-only or app+user; without one, or
 * with a Partner Center token, 401 {@code InvalidAuthenticationToken} in Graph's error shape.
 */
@Component
class SandboxGraphInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  static final String REQUEST_ID = "sandbox.graphRequestId";

  private final SandboxTokens tokens;
  private final ObjectMapper json;

  SandboxGraphInterceptor(SandboxTokens tokens, ObjectMapper json) {
    this.tokens = tokens;
    this.json = json;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/graph/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    String clientRequestId = request.getHeader("client-request-id");
    request.setAttribute(REQUEST_ID, requestId);
    response.setHeader("request-id", requestId);
    response.setHeader("client-request-id", clientRequestId == null ? requestId : clientRequestId);
    Optional<SandboxTokens.AccessToken> token = tokens.validate(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      return refuse(response, requestId, "Access token is empty or not valid.");
    }
    if (token.get().audience() != SandboxTokens.Audience.GRAPH) {
      return refuse(response, requestId, "Access token validation failure. Invalid audience: the token was issued "
          + "for " + token.get().audience().resource() + ".");
    }
    return true;
  }

  private boolean refuse(HttpServletResponse response, String requestId, String message) throws IOException {
    response.setStatus(401);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(),
        SandboxGraphJson.error("InvalidAuthenticationToken", message, requestId));
    return false;
  }
}
