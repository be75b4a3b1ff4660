package com.cspflow.quantitychange;

import java.time.Instant;

/** A partner's change of seat count on a subscription. */
public record QuantityChange(
    String id,
    String subscriptionId,
    String organizationId,
    int previousQuantity,
    int requestedQuantity,
    Status status,
    String refusalReason,
    Instant schedulableFrom,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  public enum Status { IN_PROGRESS, COMPLETED, REFUSED }

  public boolean decrease() {
    return requestedQuantity < previousQuantity;
  }
}
