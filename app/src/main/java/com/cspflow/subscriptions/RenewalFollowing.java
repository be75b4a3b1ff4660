package com.cspflow.subscriptions;

import com.cspflow.csp.CspSubscription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How our record follows what Microsoft did at a subscription's commitment end date, the one rule the monthly update
 * and the daily renewal check share. Microsoft renewed it when it lists it active with a later commitment end date
 * than ours: the new term, with the change scheduled for it now in effect (product, term, billing cycle, seats). It
 * ended when Microsoft lists it expired (auto-renew was off) and we do not yet. Anything else is not a renewal.
 */
public final class RenewalFollowing {

  /** Our status for a subscription that ended at its commitment end date, as Microsoft's. */
  public static final String EXPIRED = CspSubscription.Status.EXPIRED.name();

  public enum Kind { RENEWED, EXPIRED }

  /**
   * Our record {@code was} becomes {@code now}, as Microsoft lists it; {@code change} says what happened, in words.
   */
  public record Followed(Kind kind, Subscription was, CspSubscription now, String change) {

    /** When the term that ended ended; null when neither side knew the date. */
    public Instant termEnded() {
      return kind == Kind.RENEWED || now.commitmentEndDate() == null ? was.commitmentEndDate() : now.commitmentEndDate();
    }
  }

  /** Which check found a renewal: the daily renewal check or the monthly update. */
  public enum FoundBy { DAILY_CHECK, MONTHLY_UPDATE }

  private RenewalFollowing() {}

  /** Nothing for a subscription we cancelled: its end is our doing, and already in our record. */
  public static Optional<Followed> of(Subscription ours, CspSubscription theirs, ZoneId zone) {
    if (ours.cancelledAt() != null) {
      return Optional.empty();
    }
    if (theirs.status() == CspSubscription.Status.EXPIRED && !EXPIRED.equals(ours.status())) {
      Instant end = theirs.commitmentEndDate() != null ? theirs.commitmentEndDate() : ours.commitmentEndDate();
      return Optional.of(new Followed(Kind.EXPIRED, ours, theirs,
          "expired " + (end == null ? "" : day(end, zone) + " ") + "(auto-renew off): " + ours.quantity() + " seats"));
    }
    if (theirs.status() == CspSubscription.Status.ACTIVE && ours.commitmentEndDate() != null
        && theirs.commitmentEndDate() != null && theirs.commitmentEndDate().isAfter(ours.commitmentEndDate())) {
      return Optional.of(new Followed(Kind.RENEWED, ours, theirs,
          "renewed " + day(ours.commitmentEndDate(), zone) + ": " + changes(ours, theirs, zone)));
    }
    return Optional.empty();
  }

  private static String changes(Subscription ours, CspSubscription theirs, ZoneId zone) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(ours.catalogItemId(), theirs.catalogItemId())) {
      changed.add(Objects.requireNonNullElse(ours.offerName(), ours.catalogItemId()) + " → "
          + Objects.requireNonNullElse(theirs.offerName(), theirs.catalogItemId()));
    }
    if (ours.quantity() != theirs.quantity()) {
      changed.add(ours.quantity() + " → " + theirs.quantity() + " seats");
    }
    if (!Objects.equals(ours.termDuration(), theirs.termDuration())) {
      changed.add("term " + ours.termDuration() + " → " + theirs.termDuration());
    }
    if (!Objects.equals(ours.billingCycle(), theirs.billingCycle())) {
      changed.add("billed " + ours.billingCycle() + " → " + theirs.billingCycle());
    }
    String words = changed.isEmpty() ? "as it was, " + theirs.quantity() + " seats" : String.join(", ", changed);
    return words + ", until " + day(theirs.commitmentEndDate(), zone);
  }

  private static LocalDate day(Instant instant, ZoneId zone) {
    return LocalDate.ofInstant(instant, zone);
  }
}
