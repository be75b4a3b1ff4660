package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.CatalogPrice;
import com.cspflow.csp.CatalogOffer.TermPlan;
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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  static final Customer CUSTOMER = new Customer("org-1", "partner-1", "tenant-1");
  static final LocalDate PRICES_FROM = LocalDate.parse("2025-04-01");
  /** As Microsoft's price sheet has it: an annual plan's price is a year's (5.60 a month). */
  static final CatalogOffer BASIC = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
      List.of(new TermPlan("P1Y", "annual"), new TermPlan("P1Y", "monthly"), new TermPlan("P1M", "monthly")), "EUR",
      List.of(new CatalogPrice("P1Y", "annual", new BigDecimal("67.20"), PRICES_FROM, null),
          new CatalogPrice("P1Y", "monthly", new BigDecimal("5.88"), PRICES_FROM, null),
          new CatalogPrice("P1M", "monthly", new BigDecimal("6.72"), PRICES_FROM, null)), null);
  static final ZoneId UTC = ZoneId.of("UTC");
  static final LocalDate TODAY = LocalDate.parse("2026-12-02");
  static final YearMonth PERIOD = YearMonth.from(TODAY);
  static final Instant TERM_END = Instant.parse("2026-12-21T00:00:00Z");
  static final Instant NEXT_TERM_END = Instant.parse("2027-12-21T00:00:00Z");
  static final Pricer AT_COST = new Pricer(Map.of(), Margin.marketplaceDefault(BigDecimal.ZERO));

  @Test
  void anActiveSubscriptionIsBilledAtItsTermsPriceAndNeedsNoCorrectionWhenWeAgree() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 4, "ACTIVE")),
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1M")), Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

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
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1M")),
        Map.of("basic", BASIC), tenPercent, PERIOD, TODAY, UTC);

    assertThat(result.lines()).singleElement().satisfies(line -> {
      assertThat(line.costUnitPrice()).isEqualByComparingTo("6.72");
      assertThat(line.costAmount()).isEqualByComparingTo("26.88");
      assertThat(line.unitPrice()).as("6.72 + 10 %, rounded to cents once").isEqualByComparingTo("7.39");
      assertThat(line.amount()).isEqualByComparingTo("29.56");
    });
  }

  @Test
  void eachBillingPlanIsBilledAtItsOwnPrice() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 1, "ACTIVE"), ours("s2", 1, "ACTIVE"),
            ours("s3", 1, "ACTIVE")),
        List.of(theirs("s1", "basic", 1, Status.ACTIVE, "P1Y", "annual"),
            theirs("s2", "basic", 1, Status.ACTIVE, "P1Y", "monthly"),
            theirs("s3", "basic", 1, Status.ACTIVE, "P1M", "monthly")),
        Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.lines()).extracting(Reconciliation.BillingLine::subscriptionId,
            line -> line.unitPrice().toPlainString())
        .containsExactlyInAnyOrder(tuple("s1", "5.60"), tuple("s2", "5.88"), tuple("s3", "6.72"));
  }

  @Test
  void aPriceChangeAppliesFromItsEffectiveDate() {
    LocalDate newYear = LocalDate.parse("2027-01-01");
    CatalogOffer announced = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
        BASIC.terms(), "EUR", List.of(
            new CatalogPrice("P1M", "monthly", new BigDecimal("6.72"), PRICES_FROM, newYear.minusDays(1)),
            new CatalogPrice("P1M", "monthly", new BigDecimal("7.20"), newYear, null)), null);
    List<CspSubscription> microsoft = List.of(theirs("s1", "basic", 1, Status.ACTIVE, "P1M"));

    Result lastDay = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 1, "ACTIVE")), microsoft,
        Map.of("basic", announced), AT_COST, PERIOD, newYear.minusDays(1), UTC);
    Result firstDay = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 1, "ACTIVE")), microsoft,
        Map.of("basic", announced), AT_COST, YearMonth.from(newYear), newYear, UTC);

    assertThat(lastDay.lines()).singleElement().satisfies(line -> assertThat(line.unitPrice())
        .isEqualByComparingTo("6.72"));
    assertThat(firstDay.lines()).singleElement().satisfies(line -> assertThat(line.unitPrice())
        .isEqualByComparingTo("7.20"));
  }

  @Test
  void aRerunOfAPastPeriodDoesNotBillWhatWasBoughtAfterIt() {
    YearMonth october = YearMonth.parse("2026-10");
    ZoneId vienna = ZoneId.of("Europe/Vienna");
    List<CspSubscription> microsoft = List.of(
        bought(theirs("s1", "basic", 2, Status.ACTIVE, "P1M"), "2026-09-10T08:00:00Z"),
        bought(theirs("lastMinute", "basic", 3, Status.ACTIVE, "P1M"), "2026-10-31T22:59:59Z"),
        bought(theirs("firstMinute", "basic", 4, Status.ACTIVE, "P1M"), "2026-10-31T23:00:00Z"),
        bought(theirs("s2", "basic", 5, Status.ACTIVE, "P1M"), "2026-11-05T08:00:00Z"));

    Result rerun = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 2, "ACTIVE"), ours("s2", 5, "ACTIVE")),
        microsoft, Map.of("basic", BASIC), AT_COST, october, TODAY, vienna);
    Result current = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 2, "ACTIVE"), ours("s2", 5, "ACTIVE")),
        microsoft, Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, vienna);

    assertThat(rerun.lines()).extracting(line -> line.subscriptionId())
        .as("bought before November began in Vienna").containsExactly("s1", "lastMinute");
    assertThat(rerun.discovered()).extracting(CspSubscription::id)
        .as("still recorded: Microsoft has them today").containsExactly("lastMinute", "firstMinute");
    assertThat(current.lines()).extracting(line -> line.subscriptionId())
        .containsExactly("s1", "lastMinute", "firstMinute", "s2");
  }

  @Test
  void aRerunOfAPastPeriodIsPricedAsOfThePeriodsLastDay() {
    LocalDate november = LocalDate.parse("2026-11-01");
    CatalogOffer raised = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
        BASIC.terms(), "EUR", List.of(
            new CatalogPrice("P1M", "monthly", new BigDecimal("6.72"), PRICES_FROM, november.minusDays(1)),
            new CatalogPrice("P1M", "monthly", new BigDecimal("7.20"), november, null)), null);
    List<CspSubscription> microsoft = List.of(theirs("s1", "basic", 1, Status.ACTIVE, "P1M"));

    Result october = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 1, "ACTIVE")), microsoft,
        Map.of("basic", raised), AT_COST, YearMonth.parse("2026-10"), TODAY, UTC);
    Result december = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 1, "ACTIVE")), microsoft,
        Map.of("basic", raised), AT_COST, PERIOD, TODAY, UTC);

    assertThat(october.lines()).singleElement().satisfies(line -> assertThat(line.unitPrice())
        .isEqualByComparingTo("6.72"));
    assertThat(december.lines()).singleElement().satisfies(line -> assertThat(line.unitPrice())
        .isEqualByComparingTo("7.20"));
  }

  @Test
  void anOfferWithdrawnFromMicrosoftsCatalogIsStillBilled() {
    CatalogOffer withdrawn = BASIC.withWithdrawnOn(LocalDate.parse("2026-11-15"));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 2, "ACTIVE")),
        List.of(theirs("s1", "basic", 2, Status.ACTIVE, "P1M")),
        Map.of("basic", withdrawn), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).isEmpty();
    assertThat(result.lines()).singleElement().satisfies(line -> assertThat(line.amount())
        .isEqualByComparingTo("13.44"));
  }

  @Test
  void anOfferWeNeverHadAPriceForIsReportedAndNotBilled() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 2, "ACTIVE")),
        List.of(theirs("s1", "withdrawn", 2, Status.ACTIVE, "P1Y")),
        Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).singleElement().extracting(Reconciliation.Drift::kind)
        .isEqualTo(DriftKind.PRICE_UNKNOWN);
  }

  @Test
  void aSubscriptionAlreadyMarkedDisappearedIsNotReportedAgain() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("gone", 3, Reconciliation.DISAPPEARED)),
        List.of(), Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).isEmpty();
    assertThat(result.corrections()).isEmpty();
    assertThat(result.subscriptionsAtCsp()).isZero();
  }

  @Test
  void aSuspendedSubscriptionWithAnotherQuantityIsCorrectedOnceAndReportedForBoth() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours("s1", 5, "ACTIVE")),
        List.of(theirs("s1", "basic", 6, Status.SUSPENDED, "P1Y")),
        Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).extracting(Reconciliation.Drift::kind)
        .containsExactlyInAnyOrder(DriftKind.QUANTITY, DriftKind.STATUS);
    assertThat(result.corrections()).containsExactly(new Reconciliation.Correction("s1", 6, "SUSPENDED"));
  }

  @Test
  void aSubscriptionWeCancelledIsNotBilledForTheFollowingPeriods() {
    Subscription cancelled = cancelled(ours("s1", 4, "DELETED"));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(cancelled),
        List.of(theirs("s1", "basic", 4, Status.DELETED, "P1Y")), Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).isEmpty();
    assertThat(result.corrections()).isEmpty();
  }

  @Test
  void aSubscriptionWeCancelledIsNotBilledWhileMicrosoftStillFinishesTheCancellation() {
    Subscription cancelled = cancelled(ours("s1", 4, "DELETED"));

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(cancelled),
        List.of(theirs("s1", "basic", 4, Status.ACTIVE, "P1Y")), Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.lines()).isEmpty();
    assertThat(result.drifts()).extracting(Reconciliation.Drift::kind).containsExactly(DriftKind.STATUS);
  }

  @Test
  void aRenewalWithTheScheduledChangeIsReportedOnceAsRenewedAndBilledAsMicrosoftNowHasIt() {
    Subscription ours = renewing(ours("s1", 12, "ACTIVE"), TERM_END);
    CspSubscription renewed = renewed(theirs("s1", "basic", 8, Status.ACTIVE, "P1M"), TERM_END, NEXT_TERM_END);

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours), List.of(renewed), Map.of("basic", BASIC),
        AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).singleElement().satisfies(drift -> {
      assertThat(drift.kind()).isEqualTo(DriftKind.RENEWED);
      assertThat(drift.ourQuantity()).isEqualTo(12);
      assertThat(drift.cspQuantity()).isEqualTo(8);
      assertThat(drift.detail()).isEqualTo("renewed 2026-12-21: 12 → 8 seats, term P1Y → P1M, until 2027-12-21");
    });
    assertThat(result.corrections()).as("the renewal, not a quantity correction").isEmpty();
    assertThat(result.renewals()).singleElement().satisfies(r -> assertThat(r.now()).isEqualTo(renewed));
    assertThat(result.lines()).singleElement().satisfies(line -> {
      assertThat(line.quantity()).isEqualTo(8);
      assertThat(line.termDuration()).isEqualTo("P1M");
      assertThat(line.amount()).isEqualByComparingTo("53.76");
    });
  }

  @Test
  void aSubscriptionThatExpiredIsReportedAsExpiredAndNotBilled() {
    Subscription ours = renewing(ours("s1", 5, "ACTIVE"), TERM_END);
    CspSubscription expired = renewed(theirs("s1", "basic", 5, Status.EXPIRED, "P1Y"), null, TERM_END);

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(ours), List.of(expired), Map.of("basic", BASIC),
        AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).singleElement().satisfies(drift -> {
      assertThat(drift.kind()).isEqualTo(DriftKind.EXPIRED);
      assertThat(drift.detail()).isEqualTo("expired 2026-12-21 (auto-renew off): 5 seats");
    });
    assertThat(result.renewals()).singleElement().satisfies(r -> assertThat(r.now().status())
        .isEqualTo(Status.EXPIRED));
    assertThat(result.lines()).isEmpty();
  }

  @Test
  void onceOurRecordFollowedTheRenewalNothingIsReportedAgain() {
    Subscription followed = renewing(new Subscription("s1", CUSTOMER.organizationId(), "basic", "Business Basic", 8,
        "ACTIVE", "P1M", "monthly", TERM_END, null, null, null, null, null, null, null), NEXT_TERM_END);
    Subscription expired = renewing(ours("s2", 5, "EXPIRED"), TERM_END);

    Result result = Reconciliation.reconcile(CUSTOMER, List.of(followed, expired),
        List.of(renewed(theirs("s1", "basic", 8, Status.ACTIVE, "P1M"), TERM_END, NEXT_TERM_END),
            renewed(theirs("s2", "basic", 5, Status.EXPIRED, "P1Y"), null, TERM_END)),
        Map.of("basic", BASIC), AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).isEmpty();
    assertThat(result.renewals()).isEmpty();
    assertThat(result.corrections()).isEmpty();
  }

  @Test
  void anotherQuantityWithinTheSameTermIsStillQuantityDrift() {
    Result result = Reconciliation.reconcile(CUSTOMER, List.of(renewing(ours("s1", 4, "ACTIVE"), TERM_END)),
        List.of(renewed(theirs("s1", "basic", 6, Status.ACTIVE, "P1Y"), null, TERM_END)), Map.of("basic", BASIC),
        AT_COST, PERIOD, TODAY, UTC);

    assertThat(result.drifts()).extracting(Reconciliation.Drift::kind).containsExactly(DriftKind.QUANTITY);
    assertThat(result.renewals()).isEmpty();
  }

  private static Subscription renewing(Subscription s, Instant commitmentEnd) {
    return new Subscription(s.id(), s.organizationId(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(),
        s.termDuration(), s.billingCycle(), s.startDate(), commitmentEnd, s.orderId(), true,
        s.cancellationAllowedUntil(), s.scheduledNextTerm(), s.cancelledAt(), s.purchasedAt());
  }

  private static CspSubscription renewed(CspSubscription s, Instant termStart, Instant commitmentEnd) {
    return new CspSubscription(s.id(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(), s.termDuration(),
        s.billingCycle(), null, termStart, commitmentEnd, 0, null, "etag", s.status() == Status.ACTIVE, null, null);
  }

  private static Subscription ours(String id, int quantity, String status) {
    return new Subscription(id, CUSTOMER.organizationId(), "basic", "Business Basic", quantity, status, "P1Y",
        "monthly", null, null, null, null, null, null, null, null);
  }

  private static Subscription cancelled(Subscription s) {
    return new Subscription(s.id(), s.organizationId(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(),
        s.termDuration(), s.billingCycle(), s.startDate(), s.commitmentEndDate(), s.orderId(), false,
        s.cancellationAllowedUntil(), s.scheduledNextTerm(), Instant.parse("2026-01-12T10:00:00Z"), s.purchasedAt());
  }

  private static CspSubscription bought(CspSubscription s, String createdAt) {
    return new CspSubscription(s.id(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(), s.termDuration(),
        s.billingCycle(), Instant.parse(createdAt), Instant.parse(createdAt), s.commitmentEndDate(), 0, null, "etag",
        true, null, null);
  }

  private static CspSubscription theirs(String id, String catalogItemId, int quantity, Status status, String term) {
    return theirs(id, catalogItemId, quantity, status, term, "monthly");
  }

  private static CspSubscription theirs(String id, String catalogItemId, int quantity, Status status, String term,
      String billingCycle) {
    return new CspSubscription(id, catalogItemId, "Business Basic", quantity, status, term, billingCycle, null, null,
        null, 0, null, "etag", true, null, null);
  }
}
