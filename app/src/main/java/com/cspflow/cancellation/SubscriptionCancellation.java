package com.cspflow.cancellation;

import java.time.Instant;

/**
 * A partner's request to cancel a subscription. Refused (the 7-day window has closed), it carries Microsoft's reason
 * and {@code canEndAt}, the commitment end date at which the subscription can end instead, and later the decision
 * taken on it: ENDS_AT_RENEWAL once auto-renew is off, or {@code renewalDecision} KEEP.
 */
public record SubscriptionCancellation(
    String id,
    String subscriptionId,
    String organizationId,
    Status status,
    String refusalReason,
    Instant canEndAt,
    RenewalDecision renewalDecision,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  public enum Status { IN_PROGRESS, CANCELLED, REFUSED, ENDS_AT_RENEWAL }

  /** What to do with a subscription that can no longer be cancelled: let it end at its renewal, or keep it. */
  public enum RenewalDecision { END_AT_RENEWAL, KEEP }
}
