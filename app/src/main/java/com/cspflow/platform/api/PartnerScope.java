package com.cspflow.platform.api;

import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriUtils;

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

  private static final String PARTNERS = "/api/partners/";

  private final PartnerAccess access;
  private final ProblemResponses problems;

  public PartnerScope(PartnerAccess access, ProblemResponses problems) {
    this.access = access;
    this.problems = problems;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/partners/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String partnerId = variables instanceof Map<?, ?> path && path.get("partnerId") instanceof String named ? named
        : null;
    String optionsFor = partnerId == null && "OPTIONS".equals(request.getMethod()) ? partnerInPath(request) : null;
    if (optionsFor != null) {
      // Spring's own OPTIONS handler: no path variables, and no controller advice answers for it
      if (!optionsFor.matches(PartnerId.PATTERN)) {
        problems.write(request, response, 400, "Invalid input", "partnerId " + PartnerId.MESSAGE,
            Map.of("partnerId", PartnerId.MESSAGE));
        return false;
      }
      try {
        access.readingFor(optionsFor);
      } catch (NotFound missing) {
        problems.write(request, response, 404, "Not found", missing.getMessage());
        return false;
      }
    } else if (partnerId != null) {
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

  /**
   * Spring answers OPTIONS with a handler of its own, without the path's variables: the partner is read from the path,
   * so that OPTIONS tells no more of another partner than GET does, and refuses a malformed id as GET does. A path is
   * decoded as a path ('+' is a plus, not a space).
   */
  private static String partnerInPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(PARTNERS)) {
      return null;
    }
    String rest = path.substring(PARTNERS.length());
    String partnerId = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    return partnerId.isEmpty() ? null : UriUtils.decode(partnerId, StandardCharsets.UTF_8);
  }
}
