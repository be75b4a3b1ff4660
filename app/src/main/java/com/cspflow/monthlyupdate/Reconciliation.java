package com.cspflow.monthlyupdate;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspSubscription;
import com.cspflow.subscriptions.RenewalFollowing;
import com.cspflow.subscriptions.RenewalFollowing.Followed;
import com.cspflow.subscriptions.RenewalFollowing.FoundBy;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.pricing.PartnerPrices.Price;
import com.cspflow.pricing.PartnerPrices.Pricer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One customer's subscriptions as we recorded them against what Microsoft lists today: the billing lines of the
 * period, where we differed (drift), and what to change in our records. Microsoft is right: our quantities and
 * statuses follow its, a subscription it no longer lists is marked {@value #DISAPPEARED}, one it lists that we did
 * not know (bought in Microsoft's portal) is added. A subscription Microsoft renewed or let expire since we last
 * looked is RENEWED or EXPIRED drift, not quantity or status drift: our record follows
 * it ({@link RenewalFollowing}, the rule the daily renewal check shares). Only active subscriptions are billed, as
 * Microsoft now has them, at the partner's price (Microsoft's price for the subscription's term and billing plan on
 * the day of the run, the cost, plus the partner's margin), with the cost next to it; one we cancelled is not billed
 * for any period after its cancellation, one expired not after its end. An offer Microsoft withdrew from its catalog
 * is still billed while its subscription is active: the catalog keeps it and its prices. A rerun of a past period
 * bills what Microsoft lists on the day of the rerun, but not a subscription Microsoft created after that period, and
 * at the prices of the period's last day.
 */
final class Reconciliation {

  /** Our status for a subscription Microsoft no longer lists. */
  static final String DISAPPEARED = "DISAPPEARED";

  enum DriftKind { QUANTITY, STATUS, DISAPPEARED, NEW_AT_CSP, PRICE_UNKNOWN, RENEWED, EXPIRED }

  record Customer(String organizationId, String partnerId, String tenantId) {}

  record BillingLine(String partnerId, String organizationId, String subscriptionId, String catalogItemId,
      String product, int quantity, BigDecimal unitPrice, BigDecimal amount, String currency, String termDuration,
      String billingCycle, BigDecimal costUnitPrice, BigDecimal costAmount) {}

  /**
   * {@code detail} says in words what a renewal or expiry changed, {@code foundBy} which check found it and
   * {@code foundAt} when (null: during this run); all three null for the other kinds.
   */
  record Drift(String organizationId, String subscriptionId, DriftKind kind, Integer ourQuantity,
      Integer cspQuantity, String ourStatus, String cspStatus, String detail, FoundBy foundBy, Instant foundAt) {

    Drift(String organizationId, String subscriptionId, DriftKind kind, Integer ourQuantity, Integer cspQuantity,
        String ourStatus, String cspStatus, String detail) {
      this(organizationId, subscriptionId, kind, ourQuantity, cspQuantity, ourStatus, cspStatus, detail, null, null);
    }
  }

  /** Our record of {@code subscriptionId} takes Microsoft's quantity and status. */
  record Correction(String subscriptionId, int quantity, String status) {}

  record Result(List<BillingLine> lines, List<Drift> drifts, List<Correction> corrections,
      List<Followed> renewals, List<CspSubscription> discovered, int subscriptionsAtCsp) {}

  private Reconciliation() {}

  static Result reconcile(Customer customer, List<Subscription> ours, List<CspSubscription> microsoft,
      Map<String, CatalogOffer> catalog, Pricer pricer, YearMonth period, LocalDate runDay, ZoneId zone) {
    Instant periodEnd = period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    LocalDate pricedOn = runDay.isAfter(period.atEndOfMonth()) ? period.atEndOfMonth() : runDay;
    Map<String, Subscription> ourById = new HashMap<>();
    ours.forEach(s -> ourById.put(s.id(), s));
    List<BillingLine> lines = new ArrayList<>();
    List<Drift> drifts = new ArrayList<>();
    List<Correction> corrections = new ArrayList<>();
    List<Followed> renewals = new ArrayList<>();
    List<CspSubscription> discovered = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (CspSubscription theirs : microsoft) {
      listed.add(theirs.id());
      String status = theirs.status().name();
      Subscription our = ourById.get(theirs.id());
      Optional<Followed> renewal = our == null ? Optional.empty() : RenewalFollowing.of(our, theirs, zone);
      if (our == null) {
        drifts.add(new Drift(customer.organizationId(), theirs.id(), DriftKind.NEW_AT_CSP, null, theirs.quantity(),
            null, status, null));
        discovered.add(theirs);
      } else if (renewal.isPresent()) {
        Followed followed = renewal.get();
        drifts.add(new Drift(customer.organizationId(), theirs.id(), DriftKind.valueOf(followed.kind().name()),
            our.quantity(), theirs.quantity(), our.status(), status, followed.change(), FoundBy.MONTHLY_UPDATE,
            null));
        renewals.add(followed);
      } else {
        if (our.quantity() != theirs.quantity()) {
          drifts.add(new Drift(customer.organizationId(), theirs.id(), DriftKind.QUANTITY, our.quantity(),
              theirs.quantity(), our.status(), status, null));
        }
        if (!our.status().equals(status)) {
          drifts.add(new Drift(customer.organizationId(), theirs.id(), DriftKind.STATUS, our.quantity(),
              theirs.quantity(), our.status(), status, null));
        }
        if (our.quantity() != theirs.quantity() || !our.status().equals(status)) {
          corrections.add(new Correction(theirs.id(), theirs.quantity(), status));
        }
      }
      // A subscription we cancelled is billed no more, even while Microsoft still finishes the cancellation (it
      // may answer 202 and list it as active for a while): the drift above reports the difference.
      boolean cancelledByUs = our != null && our.cancelledAt() != null;
      boolean boughtAfterPeriod = theirs.creationDate() != null && !theirs.creationDate().isBefore(periodEnd);
      if (theirs.status() == CspSubscription.Status.ACTIVE && !cancelledByUs && !boughtAfterPeriod) {
        CatalogOffer offer = catalog.get(theirs.catalogItemId());
        Optional<Price> known = offer == null ? Optional.empty()
            : pricer.price(customer.partnerId(), offer, theirs.termDuration(), theirs.billingCycle(), pricedOn);
        if (known.isEmpty()) {
          drifts.add(new Drift(customer.organizationId(), theirs.id(), DriftKind.PRICE_UNKNOWN,
              our == null ? null : our.quantity(), theirs.quantity(), our == null ? null : our.status(), status, null));
        } else {
          Price price = known.get();
          BigDecimal seats = BigDecimal.valueOf(theirs.quantity());
          lines.add(new BillingLine(customer.partnerId(), customer.organizationId(), theirs.id(),
              theirs.catalogItemId(), offer.productName(), theirs.quantity(), price.sale(),
              price.sale().multiply(seats), offer.currency(), theirs.termDuration(), theirs.billingCycle(),
              price.cost(), price.cost().multiply(seats)));
        }
      }
    }
    for (Subscription our : ours) {
      if (!listed.contains(our.id()) && !DISAPPEARED.equals(our.status())) {
        drifts.add(new Drift(customer.organizationId(), our.id(), DriftKind.DISAPPEARED, our.quantity(), null,
            our.status(), null, null));
        corrections.add(new Correction(our.id(), our.quantity(), DISAPPEARED));
      }
    }
    return new Result(lines, drifts, corrections, renewals, discovered, microsoft.size());
  }
}
