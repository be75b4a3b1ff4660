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

  /** With the call that schedules a refused decrease for the renewal, for the partner in whose path it is read. */
  public QuantityChange offeringScheduleAtRenewal(String partnerId) {
    if (status != Status.REFUSED || schedulableFrom == null || !decrease()) {
      return this;
    }
    return new QuantityChange(id, subscriptionId, organizationId, previousQuantity, requestedQuantity, status,
        refusalReason, schedulableFrom, keptNextTerm, scheduledChangeRestored, new ScheduleAtRenewal("POST",
            "/api/partners/" + partnerId + "/subscriptions/" + subscriptionId + "/renewal-changes",
            Map.of("quantity", requestedQuantity)), requestedBy, createdAt, updatedAt, price);
  }
}
