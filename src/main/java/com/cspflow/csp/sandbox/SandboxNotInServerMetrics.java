package com.cspflow.csp.sandbox;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The sandbox stands in for Microsoft: its requests are the CSP client's outgoing calls, already measured as
 * {@code http.client.requests}. Observing them again as requests to this application would count every CSP call
 * twice in {@code http.server.requests} and cost a timer per call.
 */
@ConditionalOnSandbox
@Configuration(proxyBeanMethods = false)
class SandboxNotInServerMetrics {

  @Bean
  ObservationPredicate sandboxRequestsAreNotServerRequests(SandboxProperties sandbox) {
    String sandboxPaths = sandbox.basePath() + "/";
    return (name, context) -> !(context instanceof ServerRequestObservationContext request
        && request.getCarrier().getRequestURI().substring(request.getCarrier().getContextPath().length())
            .startsWith(sandboxPaths));
  }
}
