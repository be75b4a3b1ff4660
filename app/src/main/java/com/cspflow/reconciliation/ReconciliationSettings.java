package com.cspflow.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a billing period is reconciled with Microsoft. The model reads {@code ${reconciliationSettings.pollInterval}}
 * (how long to wait before asking again whether Microsoft's export is ready) and {@code threshold} decides when the
 * back office reviews the result: leakage or a total difference of more than that amount.
 */
@Component("reconciliationSettings")
public class ReconciliationSettings {

  private final String currency;
  private final Duration pollInterval;
  private final BigDecimal threshold;

  public ReconciliationSettings(@Value("${cspflow.reconciliation.currency}") String currency,
      @Value("${cspflow.reconciliation.poll-interval}") Duration pollInterval,
      @Value("${cspflow.reconciliation.threshold}") BigDecimal threshold) {
    if (!currency.matches("[A-Z]{3}") || pollInterval.isNegative() || pollInterval.isZero()
        || threshold.signum() < 0) {
      throw new IllegalArgumentException("cspflow.reconciliation: currency an ISO code, poll-interval positive, "
          + "threshold not negative");
    }
    this.currency = currency;
    this.pollInterval = pollInterval;
    this.threshold = threshold;
  }

  public String currency() {
    return currency;
  }

  /** ISO 8601, as the timer reads it. */
  public String getPollInterval() {
    return pollInterval.toString();
  }

  public BigDecimal threshold() {
    return threshold;
  }
}
