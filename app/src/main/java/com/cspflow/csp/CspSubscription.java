package com.cspflow.csp;

import java.time.Instant;

/**
 * A subscription as Partner Center reports it, with new commerce's renewal facts: {@code commitmentEndDate} is when
 * it renews (or ends, with {@code autoRenewEnabled} false), {@code cancellationAllowedUntil} the end of the 7-day
 * window of its purchase or last renewal, {@code scheduledNextTerm} what the next term will be (null: the same).
 */
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
    String etag,
    boolean autoRenewEnabled,
    Instant cancellationAllowedUntil,
    NextTermInstructions scheduledNextTerm) {

  public enum Status {
    NONE, ACTIVE, PENDING, SUSPENDED, EXPIRED, DISABLED, DELETED, UNKNOWN;

    /** Tolerant of values Microsoft adds later: they read as UNKNOWN. */
    public static Status parse(String value) {
      return TolerantEnums.parse(Status.class, value, UNKNOWN);
    }
  }
}
