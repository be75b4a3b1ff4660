package com.cspflow.csp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of failed jobs (cspflow.csp-retry-cycle): short on a laptop, patient in production, where an outage
 * may last a while. The engine's default for every job (failed-job-retry-time-cycle), so the models do not repeat it.
 */
@Component("cspRetry")
public class CspRetry {

  private final String cycle;

  public CspRetry(@Value("${cspflow.csp-retry-cycle}") String cycle) {
    this.cycle = cycle;
  }

  public String getCycle() {
    return cycle;
  }
}
