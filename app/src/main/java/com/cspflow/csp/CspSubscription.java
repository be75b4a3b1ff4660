package com.cspflow.csp;

import java.time.Instant;

public record CspSubscription(
    String id,
    String catalogItemId,
    String offerName,
    int quantity,
    Status status,
    String termDuration,
    String billingCycle,
    Instant creationDate,
    Instant effectiveStartDate,
    Instant commitmentEndDate,
    int refundableQuantity,
    String orderId,
    String etag) {

  public enum Status {
    NONE, ACTIVE, PENDING, SUSPENDED, EXPIRED, DISABLED, DELETED, UNKNOWN;

    /** Tolerant of values Microsoft adds later: they read as UNKNOWN. */
    public static Status parse(String value) {
      return TolerantEnums.parse(Status.class, value, UNKNOWN);
    }
  }
}
