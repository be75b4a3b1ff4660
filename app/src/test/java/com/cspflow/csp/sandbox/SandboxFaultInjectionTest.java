package com.cspflow.csp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.support.SandboxApi;
import com.cspflow.csp.CspTechnicalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Fault injection through the admin endpoint, as benchmarks use it; always switched off again afterwards. */
@CspflowSpringTest
class SandboxFaultInjectionTest {

  @Autowired CspPort port;
  SandboxApi api;

  @BeforeEach
  void rawAccess() {
    api = new SandboxApi();
  }

  @AfterEach
  void switchFaultsOff() {
    assertThat(api.admin(HttpMethod.DELETE, "/faults", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void theSameSeedFailsTheSameCallsAndTheFailuresAreServerErrors() {
    List<Integer> firstRun = catalogStatuses(7, 20);
    List<Integer> secondRun = catalogStatuses(7, 20);
    List<Integer> otherSeed = catalogStatuses(8, 20);

    assertThat(firstRun).containsOnly(200, 500).contains(200, 500);
    assertThat(secondRun).isEqualTo(firstRun);
    assertThat(otherSeed).isNotEqualTo(firstRun);
    assertThat(api.call(HttpMethod.GET, "/customers/relationshiprequests", null, null).getStatusCode())
        .as("other operations are not affected").isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  @Test
  void injectedServerErrorsReachTheProcessesAsTechnicalFailures() {
    faults(1, Map.of("catalog", Map.of("errorRate", 1.0)));

    assertThatThrownBy(() -> port.catalog())
        .isInstanceOf(CspTechnicalException.class).hasMessageContaining("500");
  }

  @Test
  void latencyIsAddedToTheConfiguredOperation() {
    faults(1, Map.of("catalog", Map.of("latencyMs", 300)));

    long started = System.nanoTime();
    assertThat(api.call(HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aRateLimitAnswers429WithRetryAfterAndTheClientWaitsItOut() {
    faults(1, Map.of("all", Map.of("requestsPerSecond", 1)));
    String token = api.token("client_credentials");

    ResponseEntity<?> allowed = api.callWith(token, HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null);
    var throttled = api.callWith(token, HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null);

    assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Integer.parseInt(throttled.getHeaders().getFirst("Retry-After"))).isBetween(1, 2);
    assertThat(throttled.getBody().path("statusCode").asInt()).isEqualTo(429);

    // Each operation has its own bucket: the first domain check takes its second's one call, the next must wait.
    // (Not the catalog: some hundred calls, a minute and a half at this rate.)
    assertThat(port.isDomainAvailable("ratelimited" + System.nanoTime())).isTrue();
    long started = System.nanoTime();
    assertThat(port.isDomainAvailable("ratelimited" + System.nanoTime())).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for Retry-After")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void theCurrentFaultsCanBeReadBack() {
    faults(99, Map.of("checkout", Map.of("errorRate", 0.25, "latencyMs", 10)));

    var current = api.admin(HttpMethod.GET, "/faults", null).getBody();
    assertThat(current.path("seed").asLong()).isEqualTo(99);
    assertThat(current.path("operations").path("checkout").path("errorRate").asDouble()).isEqualTo(0.25);
    assertThat(api.admin(HttpMethod.PUT, "/faults", Map.of("seed", 1, "operations",
        Map.of("checkout", Map.of("errorRate", 2.0)))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private List<Integer> catalogStatuses(long seed, int calls) {
    faults(seed, Map.of("catalog", Map.of("errorRate", 0.3)));
    String token = api.token("client_credentials");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      statuses.add(api.callWith(token, HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null).getStatusCode().value());
    }
    return statuses;
  }

  private void faults(long seed, Map<String, Object> operations) {
    assertThat(api.admin(HttpMethod.PUT, "/faults", Map.of("seed", seed, "operations", operations)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }
}
