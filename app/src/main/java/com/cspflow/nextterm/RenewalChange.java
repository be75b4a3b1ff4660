package com.cspflow.nextterm;

import com.cspflow.subscriptions.Subscription.NextTerm;
import java.time.Instant;

/**
 * A partner's change of what happens at a subscription's renewal: {@code autoRenew} (null: left as it is) and
 * {@code nextTerm} (null: not scheduled by this change), as requested; COMPLETED once Microsoft has it, REFUSED with
 * Microsoft's {@code refusalReason} when it would not.
 */
public record RenewalChange(
    String id,
    String subscriptionId,
    String organizationId,
    Boolean autoRenew,
    NextTerm nextTerm,
    Status status,
    String refusalReason,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  public enum Status { IN_PROGRESS, COMPLETED, REFUSED }
}
