package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * A cross-origin request the server does not allow (no origin is configured: the portal and partners' systems call
 * server to server) is refused with 403 as RFC 9457 problem details, like every other refusal; Spring's own answer was
 * a plain-text "Invalid CORS request". What is allowed is decided by Spring's {@link DefaultCorsProcessor} as before.
 */
@Component
class CrossOriginRefusals implements BeanPostProcessor {

  static final String DETAIL = "This server does not answer cross-origin requests from this origin";

  private final ObjectProvider<ProblemResponses> problems;

  CrossOriginRefusals(ObjectProvider<ProblemResponses> problems) {
    this.problems = problems;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof AbstractHandlerMapping mapping) {
      mapping.setCorsProcessor(new ProblemCorsProcessor());
    }
    return bean;
  }

  private final class ProblemCorsProcessor extends DefaultCorsProcessor {

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      if (response instanceof ServletServerHttpResponse servlet
          && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
        problems.getObject().write(attributes.getRequest(), servlet.getServletResponse(), 403, "Forbidden", DETAIL);
      } else {
        super.rejectRequest(response);
      }
    }
  }
}
