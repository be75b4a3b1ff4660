package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CspSubscription.Status;
import com.cspflow.monthlyupdate.Reconciliation.Customer;
import com.cspflow.monthlyupdate.Reconciliation.DriftKind;
import com.cspflow.monthlyupdate.Reconciliation.Result;
import com.cspflow.pricing.Margin;
import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import com.cspflow.pricing.PartnerPrices.Pricer;
import com.cspflow.subscriptions.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  static final Customer CUSTOMER = new Customer("org-1", "partner-1", "tenant-1");
  static final CatalogOffer BASIC = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
      List.of("P1M", "P1Y"), List.of("monthly"), new BigDecimal("5.60"), "EUR",
      Map.of("P1M", new BigDecimal("6.72"), "P1Y", new BigDecimal("5.60")));
  static final Pricer AT_COST = new Pricer(Map.of(), Margin.marketplaceDefault(BigDecimal.ZERO));

  @Test
  void anActiveSubscriptionIsBilledAtItsTermsPriceAndNeedsNoCorrectionWhenWeAgree() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 4, "ACTIVE")),
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1M")), Map.of("basic", BASIC), AT_COST);

    assertThat(result.drifts()).isEmpty();
    assertThat(result.corrections()).isEmpty();
    assertThat(result.lines()).singleElement().satisfies(line -> {
      assertThat(line.unitPrice()).isEqualByComparingTo("6.72");
      assertThat(line.amount()).isEqualByComparingTo("26.88");
      assertThat(line.partnerId()).isEqualTo("partner-1");
    });
  }

  @Test
  void aLineIsBilledAtThePartnersPriceWithMicrosoftsNextToIt() {
    Margin group = new Margin(AppliesTo.PRODUCT_GROUP, "Microsoft 365", Kind.PERCENT, new BigDecimal("10"), null,
        "backoffice", Instant.EPOCH);
    Pricer tenPercent = new Pricer(Map.of("partner-1", List.of(group)), Margin.marketplaceDefault(BigDecimal.ZERO));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 4, "ACTIVE")),
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1M")), Map.of("basic", BASIC), tenPercent);

    assertThat(result.lines()).singleElement().satisfies(line -> {
      assertThat(line.costUnitPrice()).isEqualByComparingTo("6.72");
      assertThat(line.costAmount()).isEqualByComparingTo("26.88");
      assertThat(line.unitPrice()).as("6.72 + 10 %, rounded to cents once").isEqualByComparingTo("7.39");
      assertThat(line.amount()).isEqualByComparingTo("29.56");
    });
  }

  @Test
  void anOfferMissingFromOurCatalogIsReportedAndNotBilled() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 2, "ACTIVE")),
        List.of(theirs("s1", "withdrawn", 2, Status.ACTIVE, "P1Y")), Map.of("basic", BASIC), AT_COST);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).singleElement().extracting(Reconciliation.Drift::kind)
        .isEqualTo(DriftKind.PRICE_UNKNOWN);
  }

  @Test
  void aSubscriptionAlreadyMarkedDisappearedIsNotReportedAgain() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("gone", 3, Reconciliation.DISAPPEARED)),
        List.of(), Map.of("basic", BASIC), AT_COST);

    assertThat(result.drifts()).isEmpty();
    assertThat(result.corrections()).isEmpty();
    assertThat(result.subscriptionsAtCsp()).isZero();
  }

  @Test
  void aSuspendedSubscriptionWithAnotherQuantityIsCorrectedOnceAndReportedForBoth() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 5, "ACTIVE")),
        List.of(theirs("s1", "basic", 6, Status.SUSPENDED, "P1Y")), Map.of("basic", BASIC), AT_COST);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).extracting(Reconciliation.Drift::kind)
        .containsExactlyInAnyOrder(DriftKind.QUANTITY, DriftKind.STATUS);
    assertThat(result.corrections()).containsExactly(new Reconciliation.Correction("s1", 6, "SUSPENDED"));
  }

  @Test
  void aSubscriptionWeCancelledIsNotBilledForTheFollowingPeriods() {
    Subscription cancelled = cancelled(ours("s1", 4, "DELETED"));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(cancelled),
        List.of(theirs("s1", "basic", 4, Status.DELETED, "P1Y")), Map.of("basic", BASIC), AT_COST);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).isEmpty();
    assertThat(result.corrections()).isEmpty();
  }

  @Test
  void aSubscriptionWeCancelledIsNotBilledWhileMicrosoftStillFinishesTheCancellation() {
    Subscription cancelled = cancelled(ours("s1", 4, "DELETED"));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(cancelled),
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1Y")), Map.of("basic", BASIC), AT_COST);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).extracting(Reconciliation.Drift::kind).containsExactly(DriftKind.STATUS);
  }

  private static Subscription ours(String id, int quantity, String status) {
    return new Subscription(id, CUSTOMER.organizationId(), "basic", "Business Basic", quantity, status, "P1Y",
        "monthly", null, null, null, null, null, null, null);
  }

  private static Subscription cancelled(Subscription s) {
    return new Subscription(s.id(), s.organizationId(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(),
        s.termDuration(), s.billingCycle(), s.startDate(), s.commitmentEndDate(), s.orderId(), false,
        s.cancellationAllowedUntil(), s.scheduledNextTerm(), Instant.parse("2026-01-12T10:00:00Z"));
  }

  private static CspSubscription theirs(String id, String catalogItemId, int quantity, Status status, String term) {
    return new CspSubscription(id, catalogItemId, "Business Basic", quantity, status, term, "monthly", null, null,
        null, 0, null, "etag", true, null, null);
  }
}
