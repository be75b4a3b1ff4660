package com.cspflow.platform;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
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
  RememberedBasicAuthentication rememberedBasicAuthentication(
      @Value("${cspflow.rest.remember-credentials:PT1M}") Duration rememberCredentials, Clock clock) {
    return new RememberedBasicAuthentication(rememberCredentials, clock);
  }

  /** Camunda's REST API: the user is signed in to the engine that API looks up, as Camunda's own filter does. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthenticationOnEngineRest(
      RememberedBasicAuthentication credentials) {
    return registration("cspflow-engine-rest-authentication", new RememberingFilter(credentials, () -> null),
        "/engine-rest/*");
  }

  /**
   * The project's API: the user is signed in to this application's engine, the one its controllers call. (With
   * one engine per JVM the two are the same; tests run several application contexts in one JVM.)
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthenticationOnProjectApi(
      RememberedBasicAuthentication credentials, ObjectProvider<ProcessEngine> engine) {
    return registration("cspflow-api-authentication", new RememberingFilter(credentials, engine::getObject), "/api/*");
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration(String name,
      ProcessEngineAuthenticationFilter filter, String urlPattern) {
    var registration = new FilterRegistrationBean<>(filter);
    registration.setName(name);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(urlPattern);
    return registration;
  }

  /** Camunda's filter instantiates its provider by class name; this one takes the provider Spring made. */
  static final class RememberingFilter extends ProcessEngineAuthenticationFilter {

    private final AuthenticationProvider provider;
    private final Supplier<ProcessEngine> engine;

    /**
     * @param engine the engine to sign the user in to (looked up at each request: filters are made before the
     *     engine), or one that gives null for the engine Camunda's REST API looks up
     */
    RememberingFilter(AuthenticationProvider provider, Supplier<ProcessEngine> engine) {
      this.provider = provider;
      this.engine = engine;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
      super.init(config);
      authenticationProvider = provider;
    }

    @Override
    protected ProcessEngine getAddressedEngine(String engineName) {
      ProcessEngine application = engine.get();
      return application != null ? application : super.getAddressedEngine(engineName);
    }
  }
}
