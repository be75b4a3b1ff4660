package com.cspflow.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Which partner a call of {@code /api/partners/{partnerId}/...} acts for is decided before anything else of the
 * request is read: a partner's system that names another partner gets 404 at once, whatever its body, content type
 * or other path parameters, so it learns nothing of that partner (not even which requests the endpoint would take),
 * and an endpoint that forgot to ask {@link PartnerAccess} is still scoped. Reads need {@link
 * PartnerAccess#readingFor}, the partner's first setup ({@link SetsUpPartner}) {@link PartnerAccess#settingUp},
 * everything else {@link PartnerAccess#actingFor}; all but the first setup answer 404 for a partner that does not
 * exist. The controllers ask again for the caller they act as.
 */
@Component
public class PartnerScope implements HandlerInterceptor, WebMvcConfigurer {

  private final PartnerAccess access;

  public PartnerScope(PartnerAccess access) {
    this.access = access;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/partners/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> path && path.get("partnerId") instanceof String partnerId) {
      if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
        access.readingFor(partnerId);
      } else if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(SetsUpPartner.class)) {
        access.settingUp(partnerId);
      } else {
        access.actingFor(partnerId);
      }
    }
    return true;
  }
}
