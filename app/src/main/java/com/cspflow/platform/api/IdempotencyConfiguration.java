package com.cspflow.platform.api;

import com.cspflow.platform.security.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Idempotency-Key on the partner and billing API, after Spring Security (the key belongs to the signed-in caller).
 * Not on the administration API: a client's secret, in the answer once, must never be kept.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  @Bean
  FilterRegistrationBean<IdempotentRequests> idempotentRequests(IdempotencyKeys keys,
      PlatformTransactionManager transactions, ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new IdempotentRequests(keys, transactions, problems));
    registration.addUrlPatterns("/api/partners/*", "/api/billing/*");
    registration.setOrder(0);
    return registration;
  }
}
