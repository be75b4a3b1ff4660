package com.cspflow.ordering;

import com.cspflow.pricing.SeatPrice;
import java.time.Instant;

/**
 * One "Order Subscription" as the partner sees it; {@code price} is what its seats cost per month, priced when it was
 * registered (or corrected), null where Microsoft's price sheet had no price for the term and billing plan.
 */
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
    Instant fulfilledAt,
    SeatPrice price) {

  public enum Status { IN_PROGRESS, FULFILLED, FAILED, CANCELLED }

  /**
   * The idempotency key of one placement: the same for every retry of an attempt, new when the back office
   * retries with corrected input (a new logical order at Microsoft).
   */
  public String requestId() {
    return id + "-" + attempt;
  }

  /** This order as it stands once Microsoft has taken its placement: its order id, updated then. */
  public SubscriptionOrder placedAs(String cspOrderId, Instant at) {
    return new SubscriptionOrder(id, organizationId, catalogItemId, product, quantity, termDuration, billingCycle,
        status, attempt, cspOrderId, subscriptionId, failureReason, requestedBy, createdAt, at, fulfilledAt, price);
  }
}
