package com.cspflow.platform;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication against Camunda's identity service for the engine's REST API and for the
 * project's own API. The filter also sets the engine's current authentication for the request, so the
 * engine's authorization checks apply to every call a user makes through either API.
 */
@Configuration(proxyBeanMethods = false)
public class RestAuthentication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthenticationOnRestApis() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("cspflow-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }
}
