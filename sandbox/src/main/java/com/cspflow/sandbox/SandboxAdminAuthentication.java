package com.cspflow.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin endpoints play customers and Microsoft's back office (fault injection, time travel, accepting a
 * relationship on a customer's behalf): only the sandbox's own administrator may call them, with HTTP Basic.
 */
@Component
class SandboxAdminAuthentication implements HandlerInterceptor, WebMvcConfigurer {

  private final SandboxProperties properties;

  SandboxAdminAuthentication(SandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/sandbox-admin/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (authenticated(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      return true;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"csp-sandbox admin\"");
    return false;
  }

  private boolean authenticated(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    return same(decoded.substring(0, colon), properties.admin().user())
        & same(decoded.substring(colon + 1), properties.admin().password());
  }

  /** Constant time, like any comparison of secrets. */
  static boolean same(String given, String expected) {
    return given != null && expected != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
