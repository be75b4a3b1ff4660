package com.cspflow.csp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of every service task that calls the CSP, referenced in the models as
 * {@code ${cspRetry.cycle}}: short on a laptop, patient in production, where an outage may last a while.
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
