package com.cspflow.activation;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How patiently a migration waits for the customer to accept the reseller relationship. The model reads
 * {@code ${activationSettings.relationshipCheckInterval}} for its timer.
 */
@Component("activationSettings")
public class ActivationSettings {

  private final String relationshipCheckInterval;
  private final Duration acceptanceLimit;

  public ActivationSettings(
      @Value("${cspflow.activation.relationship-check-interval:PT1H}") String relationshipCheckInterval,
      @Value("${cspflow.activation.acceptance-limit:P14D}") Duration acceptanceLimit) {
    this.relationshipCheckInterval = Duration.parse(relationshipCheckInterval).toString();
    this.acceptanceLimit = acceptanceLimit;
  }

  /** An ISO 8601 duration, e.g. PT1H. */
  public String getRelationshipCheckInterval() {
    return relationshipCheckInterval;
  }

  public Duration acceptanceLimit() {
    return acceptanceLimit;
  }
}
