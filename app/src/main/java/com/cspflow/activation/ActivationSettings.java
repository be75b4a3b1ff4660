package com.cspflow.activation;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How patiently a migration waits for the customer to accept the reseller relationship and approve admin access, and
 * how the GDAP relationship it requests is named. The model reads
 * {@code ${activationSettings.relationshipCheckInterval}} for its timer.
 */
@Component("activationSettings")
public class ActivationSettings {

  private final String relationshipCheckInterval;
  private final Duration acceptanceLimit;
  private final String gdapDisplayNamePrefix;

  public ActivationSettings(
      @Value("${cspflow.activation.relationship-check-interval:PT1H}") String relationshipCheckInterval,
      @Value("${cspflow.activation.acceptance-limit:P14D}") Duration acceptanceLimit,
      @Value("${cspflow.csp.gdap.display-name-prefix:cspflow}") String gdapDisplayNamePrefix) {
    this.relationshipCheckInterval = Duration.parse(relationshipCheckInterval).toString();
    this.acceptanceLimit = acceptanceLimit;
    this.gdapDisplayNamePrefix = gdapDisplayNamePrefix;
  }

  /** An ISO 8601 duration, e.g. PT1H. */
  public String getRelationshipCheckInterval() {
    return relationshipCheckInterval;
  }

  public Duration acceptanceLimit() {
    return acceptanceLimit;
  }

  /** The start of the GDAP relationship's name, which the customer sees when approving it. */
  public String gdapDisplayNamePrefix() {
    return gdapDisplayNamePrefix;
  }
}
