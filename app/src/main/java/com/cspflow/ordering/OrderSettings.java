package com.cspflow.ordering;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How an order waits for Microsoft's provisioning: checked at once, then after each interval of the backoff
 * in turn (the last one repeats), until the pending limit hands it to the back office. The model reads
 * {@code ${orderSettings.checkInterval(provisioningChecks)}} for the wait between checks and
 * {@code ${orderSettings.pendingLimit}} for the timer on the wait's border.
 */
@Component("orderSettings")
public class OrderSettings {

  private final List<Duration> backoff;
  private final Duration pendingLimit;
  private final Duration choiceLimit;

  public OrderSettings(@Value("${cspflow.ordering.provisioning-backoff}") String backoff,
      @Value("${cspflow.ordering.pending-limit}") Duration pendingLimit,
      @Value("${cspflow.ordering.choice-limit}") Duration choiceLimit) {
    this.backoff = Arrays.stream(backoff.split(",")).map(String::trim).map(Duration::parse).toList();
    this.pendingLimit = pendingLimit;
    this.choiceLimit = choiceLimit;
  }

  /** The wait before check number {@code checksSoFar + 1}, as an ISO 8601 duration. */
  public String checkInterval(Object checksSoFar) {
    int index = Math.min(((Number) checksSoFar).intValue() - 1, backoff.size() - 1);
    return backoff.get(Math.max(index, 0)).toString();
  }

  /** How long an order may stay pending before the back office looks at it, as an ISO 8601 duration. */
  public String getPendingLimit() {
    return pendingLimit.toString();
  }

  /**
   * How long an order begun in Tasklist waits for its product to be chosen before it is dropped, as an ISO 8601
   * duration ({@code ${orderSettings.choiceLimit}} in "Order from the catalog").
   */
  public String getChoiceLimit() {
    return choiceLimit.toString();
  }
}
