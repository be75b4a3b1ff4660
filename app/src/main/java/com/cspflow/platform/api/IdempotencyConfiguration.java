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

  /** The parts of the API whose POSTs honour an Idempotency-Key (servlet URL patterns). */
  private static final String[] PATHS = {"/api/partners/*", "/api/billing/*"};

  /** Whether a request to this path goes through {@link IdempotentRequests}. */
  static boolean honoursIdempotencyKeys(String path) {
    for (String pattern : PATHS) {
      if (path.startsWith(pattern.substring(0, pattern.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  @Bean
  FilterRegistrationBean<IdempotentRequests> idempotentRequests(IdempotencyKeys keys,
      PlatformTransactionManager transactions, ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new IdempotentRequests(keys, transactions, problems));
    registration.addUrlPatterns(PATHS);
    registration.setOrder(0);
    return registration;
  }
}
