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

    /** Tolerant, like {@link CspOrder.Status#parse}: new values from Microsoft do not break us. */
    public static Status parse(String value) {
      if (value == null) {
        return UNKNOWN;
      }
      try {
        return valueOf(value.trim().toUpperCase());
      } catch (IllegalArgumentException unknown) {
        return UNKNOWN;
      }
    }
  }
}
