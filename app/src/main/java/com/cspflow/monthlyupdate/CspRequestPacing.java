package com.cspflow.monthlyupdate;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps a run's calls to the CSP evenly spaced just under the rate it was given, across all the chunk jobs that
 * run at once on this node: one permit per interval, never a burst, so Partner Center's limiter has no reason to
 * answer 429. (A 429 that comes anyway is waited out by the client, as Retry-After says.) The pace is per
 * application node: with two nodes sharing a run, give each half the rate.
 */
@Component
class CspRequestPacing {

  private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

  private final Map<String, RateLimiter> runs = new ConcurrentHashMap<>();

  /** Waits for the run's next slot; returns at once when the run is unpaced (0). */
  void awaitTurn(String runId, double requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      return;
    }
    RateLimiter.waitForPermission(runs.computeIfAbsent(runId, id -> RateLimiter.of("csp-" + id,
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(Math.round(1_000_000_000 / requestsPerSecond)))
            .timeoutDuration(LONGEST_WAIT)
            .build())));
  }

  void forget(String runId) {
    runs.remove(runId);
  }
}
