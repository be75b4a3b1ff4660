package com.cspflow.monthlyupdate;

import com.cspflow.platform.cluster.ClusterPace;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Keeps a run's calls to the CSP evenly spaced just under the rate it was given, for the whole cluster: every chunk
 * job, on every node, takes its turn from Partner Center's one budget ({@link ClusterPace}), never a burst, so
 * Partner Center's limiter has no reason to answer 429. (A 429 that comes anyway is waited out by the client, as
 * Retry-After says.)
 */
@Component
class CspRequestPacing {

  private final ClusterPace pace;

  CspRequestPacing(ClusterPace pace) {
    this.pace = pace;
  }

  /** Waits for the run's next slot; returns at once when the run is unpaced (0). */
  void awaitTurn(double requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      return;
    }
    pace.awaitSlot(ClusterPace.PARTNER_CENTER, Duration.ofNanos(Math.round(1_000_000_000 / requestsPerSecond)));
  }
}
