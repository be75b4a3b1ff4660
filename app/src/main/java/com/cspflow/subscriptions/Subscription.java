package com.cspflow.subscriptions;

import java.time.Instant;

/**
 * A customer subscription as we keep it; {@code commitmentEndDate} is its renewal date, at which it renews when
 * {@code autoRenewEnabled} (null: not known yet) and otherwise ends. {@code cancellationAllowedUntil} ends the 7-day
 * window of its purchase or last renewal; {@code scheduledNextTerm} is what Microsoft will renew it as (null: as it is).
 * {@code cancelledAt} is when we cancelled it at Microsoft (null: not cancelled through cspflow); {@code purchasedAt}
 * when Microsoft created it (null: recorded before we kept it, and not listed by Microsoft since).
 */
public record Subscription(
    String id,
    String organizationId,
    String catalogItemId,
    String offerName,
    int quantity,
    String status,
    String termDuration,
    String billingCycle,
    Instant startDate,
    Instant commitmentEndDate,
    String orderId,
    Boolean autoRenewEnabled,
    Instant cancellationAllowedUntil,
    NextTerm scheduledNextTerm,
    Instant cancelledAt,
    Instant purchasedAt) {

  /** The product, seats, term and billing cycle of the next term. */
  public record NextTerm(String catalogItemId, int quantity, String termDuration, String billingCycle) {}
}
