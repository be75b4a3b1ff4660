package com.cspflow.platform;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication against Camunda's identity service for the engine's REST API and for the
 * project's own API. The filter also sets the engine's current authentication for the request, so the
 * engine's authorization checks apply to every call a user makes through either API. Verified credentials
 * are remembered for a short while ({@link RememberedBasicAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
public class RestAuthentication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthenticationOnRestApis(
      @Value("${cspflow.rest.remember-credentials:PT1M}") Duration rememberCredentials, Clock clock) {
    var filter = new RememberingFilter(new RememberedBasicAuthentication(rememberCredentials, clock));
    var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(filter);
    registration.setName("cspflow-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }

  /** Camunda's filter instantiates its provider by class name; this one takes the provider Spring made. */
  static final class RememberingFilter extends ProcessEngineAuthenticationFilter {

    private final AuthenticationProvider provider;

    RememberingFilter(AuthenticationProvider provider) {
      this.provider = provider;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
      super.init(config);
      authenticationProvider = provider;
    }
  }
}
