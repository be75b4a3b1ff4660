package com.cspflow.ordering;

import java.time.Instant;

/** One "Order Subscription" as the partner sees it. */
public record SubscriptionOrder(
    String id,
    String organizationId,
    String catalogItemId,
    String product,
    int quantity,
    String termDuration,
    String billingCycle,
    Status status,
    int attempt,
    String cspOrderId,
    String subscriptionId,
    String failureReason,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant fulfilledAt) {

  public enum Status { IN_PROGRESS, FULFILLED, FAILED, CANCELLED }

  /**
   * The idempotency key of one placement: the same for every retry of an attempt, new when the back office
   * retries with corrected input (a new logical order at Microsoft).
   */
  public String requestId() {
    return id + "-" + attempt;
  }
}
