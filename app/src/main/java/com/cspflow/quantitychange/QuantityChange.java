package com.cspflow.quantitychange;

import com.cspflow.pricing.SeatPrice;
import com.cspflow.subscriptions.Subscription.NextTerm;
import java.time.Instant;
import java.util.Map;

/**
 * A partner's change of seat count on a subscription. Microsoft deletes a next term scheduled for the renewal when the
 * seats change mid-term: {@code keptNextTerm} is the one the subscription had, which cspflow schedules again, and
 * {@code scheduledChangeRestored} says whether that is done (null: nothing to put back, because nothing was
 * scheduled or Microsoft refused the change and kept it). A refused decrease carries
 * {@code scheduleAtRenewal}, the one call that schedules it for the renewal instead. {@code price} is what the
 * requested seats cost per month on the subscription's term and billing plan, priced when the change was asked for.
 */
public record QuantityChange(
    String id,
    String subscriptionId,
    String organizationId,
    int previousQuantity,
    int requestedQuantity,
    Status status,
    String refusalReason,
    Instant schedulableFrom,
    NextTerm keptNextTerm,
    Boolean scheduledChangeRestored,
    ScheduleAtRenewal scheduleAtRenewal,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    SeatPrice price) {

  public enum Status { IN_PROGRESS, COMPLETED, REFUSED }

  /** The ready request that schedules the refused decrease for the renewal: POST {@code body} to {@code href}. */
  public record ScheduleAtRenewal(String method, String href, Map<String, Object> body) {}

  public boolean decrease() {
    return requestedQuantity < previousQuantity;
  }

  /**
   * With the call that schedules a refused decrease for the renewal, for the partner in whose path it is read. When
   * the subscription already has a next term scheduled ({@code scheduled}), the call keeps its product, term and
   * billing cycle and changes only the seats: a renewal change replaces the scheduled next term, and one with the
   * seats alone would have put today's product, term and billing back in place of those the partner scheduled.
   */
  public QuantityChange offeringScheduleAtRenewal(String partnerId, NextTerm scheduled) {
    if (status != Status.REFUSED || schedulableFrom == null || !decrease()) {
      return this;
    }
    Map<String, Object> body = scheduled == null ? Map.of("quantity", requestedQuantity)
        : Map.of("catalogItemId", scheduled.catalogItemId(), "quantity", requestedQuantity, "termDuration",
            scheduled.termDuration(), "billingCycle", scheduled.billingCycle());
    return new QuantityChange(id, subscriptionId, organizationId, previousQuantity, requestedQuantity, status,
        refusalReason, schedulableFrom, keptNextTerm, scheduledChangeRestored, new ScheduleAtRenewal("POST",
            "/api/partners/" + partnerId + "/subscriptions/" + subscriptionId + "/renewal-changes", body),
        requestedBy, createdAt, updatedAt, price);
  }
}
