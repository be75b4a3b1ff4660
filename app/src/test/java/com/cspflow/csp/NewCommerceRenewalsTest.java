package com.cspflow.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.cspflow.CspflowSpringTest;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * New commerce's renewals and cancellations through the port, over HTTP against the sandbox process (issue 17): a
 * subscription can be cancelled within 7 days of its purchase or renewal and only then; changes scheduled for the
 * next term take effect at the renewal unless a mid-term change made Microsoft delete them; with auto-renew off it
 * expires at its commitment end date. Time passes through the sandbox's time travel.
 */
@CspflowSpringTest
class NewCommerceRenewalsTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";
  static final int WEEK_AND_AN_HOUR = 169;
  /** Longer than any month, shorter than two. */
  static final int PAST_A_MONTHLY_TERM = 32 * 24;

  @Autowired CspPort port;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired Fixtures fixtures;
  SandboxAdmin sandbox;

  @BeforeEach
  void setUp() {
    sandbox = new SandboxAdmin();
  }

  @Test
  void aSubscriptionCancelledWithinSevenDaysOfItsPurchaseIsDeleted() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 10, "P1Y", "annual");
    assertThat(bought.autoRenewEnabled()).isTrue();
    assertThat(bought.cancellationAllowedUntil())
        .isCloseTo(bought.effectiveStartDate().plus(Duration.ofHours(168)), within(1, ChronoUnit.SECONDS));
    sandbox.timeTravel(tenantId, 6 * 24);

    String requestId = UUID.randomUUID().toString();
    CspSubscription cancelled = port.cancelSubscription(requestId, tenantId, bought.id());

    assertThat(cancelled.status()).isEqualTo(CspSubscription.Status.DELETED);
    assertThat(port.cancelSubscription(requestId, tenantId, bought.id()).status())
        .as("a retry with the same request id is a replay, not a second cancellation").isEqualTo(
            CspSubscription.Status.DELETED);
    assertThat(cancelled.autoRenewEnabled()).isFalse();
    assertThat(cancelled.refundableQuantity()).isZero();
    assertThat(port.subscriptions(tenantId)).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(CspSubscription.Status.DELETED));
  }

  @Test
  void aCancellationAfterTheWindowIsRefusedWithTheWindowsEndAndTheRenewalDate() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 10, "P1Y", "annual");
    sandbox.timeTravel(tenantId, WEEK_AND_AN_HOUR);
    CspSubscription late = port.subscriptions(tenantId).get(0);

    assertThatThrownBy(() -> port.cancelSubscription(UUID.randomUUID().toString(), tenantId, bought.id()))
        .isInstanceOfSatisfying(CspRenewalOnlyException.class, refusal -> {
          assertThat(refusal.code()).isEqualTo(CspBusinessException.QUANTITY_DECREASE_NOT_ALLOWED);
          assertThat(refusal.cancellationAllowedUntil()).isEqualTo(late.cancellationAllowedUntil())
              .isBefore(Instant.now());
          assertThat(refusal.renewalDate()).isEqualTo(late.commitmentEndDate()).isAfter(Instant.now());
          assertThat(refusal.description()).contains("168 hours");
        });
    assertThat(port.subscriptions(tenantId).get(0).status()).isEqualTo(CspSubscription.Status.ACTIVE);
  }

  @Test
  void aRenewalOpensANewSevenDayWindowToCancelIn() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 4, "P1M", "monthly");
    sandbox.timeTravel(tenantId, WEEK_AND_AN_HOUR);
    assertThatThrownBy(() -> port.cancelSubscription(UUID.randomUUID().toString(), tenantId, bought.id()))
        .isInstanceOf(CspRenewalOnlyException.class);

    sandbox.timeTravel(tenantId, PAST_A_MONTHLY_TERM - WEEK_AND_AN_HOUR);
    CspSubscription renewed = port.subscriptions(tenantId).get(0);
    assertThat(renewed.status()).isEqualTo(CspSubscription.Status.ACTIVE);
    assertThat(renewed.effectiveStartDate()).isEqualTo(shifted(bought, PAST_A_MONTHLY_TERM).commitmentEndDate());
    assertThat(renewed.cancellationAllowedUntil()).isAfter(Instant.now());
    assertThat(renewed.refundableQuantity()).as("the renewal's seats are in its window").isEqualTo(4);

    assertThat(port.cancelSubscription(UUID.randomUUID().toString(), tenantId, bought.id()).status())
        .isEqualTo(CspSubscription.Status.DELETED);
  }

  @Test
  void microsoftListsTheRefundableSeatsPerPurchaseIncreaseAndRenewalWindow() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 10, "P1M", "monthly");
    assertThat(refundWindows(tenantId, bought.id())).containsExactly(
        "10 until " + bought.effectiveStartDate().plus(Duration.ofHours(168)));
    sandbox.timeTravel(tenantId, WEEK_AND_AN_HOUR);
    assertThat(refundWindows(tenantId, bought.id())).isEmpty();

    Instant increasedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    port.changeQuantity(UUID.randomUUID().toString(), tenantId, bought.id(), 15);
    List<String> increase = refundWindows(tenantId, bought.id());
    assertThat(increase).singleElement().asString().startsWith("5 until ");
    assertThat(Instant.parse(increase.get(0).substring("5 until ".length())))
        .isBetween(increasedAt.plus(Duration.ofHours(168)), Instant.now().plus(Duration.ofHours(168)));

    sandbox.timeTravel(tenantId, PAST_A_MONTHLY_TERM - WEEK_AND_AN_HOUR);
    Instant renewal = shifted(bought, PAST_A_MONTHLY_TERM).commitmentEndDate();
    assertThat(refundWindows(tenantId, bought.id())).containsExactly(
        "15 until " + renewal.plus(Duration.ofHours(168)));
  }

  @Test
  void aChangeScheduledForTheNextTermIsAppliedAtTheRenewal() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 10, "P1M", "monthly");
    NextTermInstructions upgrade = new NextTermInstructions(BUSINESS_STANDARD, 7, "P1Y", "annual");

    CspSubscription scheduled = port.scheduleNextTerm(UUID.randomUUID().toString(), tenantId, bought.id(), upgrade);

    assertThat(scheduled.scheduledNextTerm()).isEqualTo(upgrade);
    assertThat(scheduled.quantity()).as("nothing changes before the renewal").isEqualTo(10);
    assertThat(port.subscriptions(tenantId).get(0).scheduledNextTerm()).isEqualTo(upgrade);

    sandbox.timeTravel(tenantId, PAST_A_MONTHLY_TERM);
    CspSubscription renewed = port.subscriptions(tenantId).get(0);

    assertThat(renewed.status()).isEqualTo(CspSubscription.Status.ACTIVE);
    assertThat(renewed.catalogItemId()).isEqualTo(BUSINESS_STANDARD);
    assertThat(renewed.offerName()).isEqualTo("Microsoft 365 Business Standard");
    assertThat(renewed.quantity()).isEqualTo(7);
    assertThat(renewed.termDuration()).isEqualTo("P1Y");
    assertThat(renewed.billingCycle()).isEqualTo("annual");
    assertThat(renewed.scheduledNextTerm()).as("applied, so no longer scheduled").isNull();
    Instant termStart = shifted(bought, PAST_A_MONTHLY_TERM).commitmentEndDate();
    assertThat(renewed.effectiveStartDate()).isEqualTo(termStart);
    assertThat(renewed.commitmentEndDate()).isEqualTo(termStart.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
    assertThat(renewed.refundableQuantity()).isEqualTo(7);
  }

  @Test
  void aMidTermChangeOfTheSeatCountMakesMicrosoftDeleteTheScheduledChange() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 10, "P1M", "monthly");
    port.scheduleNextTerm(UUID.randomUUID().toString(), tenantId, bought.id(),
        new NextTermInstructions(BUSINESS_BASIC, 5, "P1M", "monthly"));
    sandbox.timeTravel(tenantId, WEEK_AND_AN_HOUR);

    CspSubscription increased = port.changeQuantity(UUID.randomUUID().toString(), tenantId, bought.id(), 12);

    assertThat(increased.quantity()).isEqualTo(12);
    assertThat(increased.scheduledNextTerm()).isNull();
    assertThat(port.subscriptions(tenantId).get(0).scheduledNextTerm()).isNull();
    sandbox.timeTravel(tenantId, PAST_A_MONTHLY_TERM - WEEK_AND_AN_HOUR);
    CspSubscription renewed = port.subscriptions(tenantId).get(0);
    assertThat(renewed.effectiveStartDate()).as("renewed")
        .isEqualTo(shifted(bought, PAST_A_MONTHLY_TERM).commitmentEndDate());
    assertThat(renewed.quantity()).as("the deleted change is not applied").isEqualTo(12);
  }

  @Test
  void withAutoRenewOffTheSubscriptionExpiresAtItsCommitmentEndDate() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 3, "P1M", "monthly");

    CspSubscription notRenewing = port.setAutoRenew(UUID.randomUUID().toString(), tenantId, bought.id(), false);
    assertThat(notRenewing.autoRenewEnabled()).isFalse();
    assertThat(notRenewing.commitmentEndDate()).isEqualTo(bought.commitmentEndDate());

    int toTheLastDay = (int) Duration.between(Instant.now(), bought.commitmentEndDate()).toHours() - 1;
    sandbox.timeTravel(tenantId, toTheLastDay);
    assertThat(port.subscriptions(tenantId).get(0).status()).as("until the end date").isEqualTo(
        CspSubscription.Status.ACTIVE);
    sandbox.timeTravel(tenantId, 2);
    CspSubscription ended = port.subscriptions(tenantId).get(0);

    assertThat(ended.status()).isEqualTo(CspSubscription.Status.EXPIRED);
    assertThat(ended.commitmentEndDate()).isEqualTo(shifted(bought, toTheLastDay + 2).commitmentEndDate());
    assertThatThrownBy(() -> port.setAutoRenew(UUID.randomUUID().toString(), tenantId, bought.id(), true))
        .isInstanceOf(CspBusinessException.class);
  }

  @Test
  void autoRenewTurnedBackOnRenewsAsBefore() {
    String tenantId = customer();
    CspSubscription bought = subscription(tenantId, BUSINESS_BASIC, 3, "P1M", "monthly");
    port.setAutoRenew(UUID.randomUUID().toString(), tenantId, bought.id(), false);
    assertThat(port.setAutoRenew(UUID.randomUUID().toString(), tenantId, bought.id(), true).autoRenewEnabled())
        .isTrue();

    sandbox.timeTravel(tenantId, PAST_A_MONTHLY_TERM);

    CspSubscription renewed = port.subscriptions(tenantId).get(0);
    assertThat(renewed.status()).isEqualTo(CspSubscription.Status.ACTIVE);
    assertThat(renewed.effectiveStartDate()).isEqualTo(shifted(bought, PAST_A_MONTHLY_TERM).commitmentEndDate());
  }

  @Test
  void cspflowsRecordKeepsTheRenewalFactsMicrosoftReports() {
    Fixtures.Customer customer = fixtures.activeCustomer("Renewals AB");
    CspSubscription bought = subscription(customer.tenantId(), BUSINESS_BASIC, 10, "P1Y", "monthly");
    subscriptions.save(customer.organizationId(), bought, SubscriptionRepository.Origin.ORDERED, null, Instant.now());

    Subscription ordered = subscriptions.find(bought.id()).orElseThrow();
    assertThat(ordered.autoRenewEnabled()).isTrue();
    assertThat(ordered.cancellationAllowedUntil()).isEqualTo(bought.cancellationAllowedUntil());
    assertThat(ordered.commitmentEndDate()).isEqualTo(bought.commitmentEndDate());
    assertThat(ordered.scheduledNextTerm()).isNull();

    port.scheduleNextTerm(UUID.randomUUID().toString(), customer.tenantId(), bought.id(),
        new NextTermInstructions(BUSINESS_STANDARD, 8, "P1Y", "annual"));
    CspSubscription changed = port.setAutoRenew(UUID.randomUUID().toString(), customer.tenantId(), bought.id(), false);
    subscriptions.updateRenewalFacts(List.of(changed), Instant.now());

    Subscription kept = subscriptions.find(bought.id()).orElseThrow();
    assertThat(kept.autoRenewEnabled()).isFalse();
    assertThat(kept.scheduledNextTerm())
        .isEqualTo(new Subscription.NextTerm(BUSINESS_STANDARD, 8, "P1Y", "annual"));
    assertThat(kept.quantity()).isEqualTo(10);
  }

  /** Partner Center's {@code refundableQuantity.details} as "quantity until allowedUntilDateTime", read raw. */
  private List<String> refundWindows(String tenantId, String subscriptionId) {
    JsonNode subscription = new SandboxApi().call(HttpMethod.GET, "/customers/" + tenantId + "/subscriptions/"
        + subscriptionId, null, null).getBody();
    List<String> windows = new ArrayList<>();
    subscription.path("refundableQuantity").path("details").forEach(window -> windows.add(
        window.path("quantity").asInt() + " until " + Instant.parse(window.path("allowedUntilDateTime").asText())));
    assertThat(subscription.path("refundableQuantity").path("totalQuantity").asInt()).as("the total of the windows")
        .isEqualTo(windows.stream().mapToInt(w -> Integer.parseInt(w.substring(0, w.indexOf(' ')))).sum());
    return windows;
  }

  /** A new customer of the partner with the Customer Agreement confirmed. */
  private String customer() {
    String prefix = "renewals" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String tenantId = port.createCustomer(UUID.randomUUID().toString(), new NewCustomer(prefix, "Renewals AB",
        "Anna", "Admin", "anna@example.com", "+46 8 123 456", "Storgatan 1", "111 22", "Stockholm", "SE", "sv-SE",
        "sv")).tenantId();
    port.confirmCustomerAgreement(UUID.randomUUID().toString(), tenantId,
        new AgreementConfirmation("Anna", "Admin", "anna@example.com", "+46 8 123 456", Instant.now()));
    return tenantId;
  }

  /** One subscription, bought an hour ago (the sandbox provisions orders after an hour). */
  private CspSubscription subscription(String tenantId, String catalogItemId, int seats, String term,
      String billingCycle) {
    CspOrder order = port.placeOrder(UUID.randomUUID().toString(), tenantId,
        List.of(new OrderLine(catalogItemId, seats, term, billingCycle)));
    sandbox.timeTravel(tenantId, 1);
    return port.subscriptionsOfOrder(tenantId, order.orderId()).get(0);
  }

  /** The subscription's dates as they read after {@code hours} of time travel moved them into the past. */
  private static CspSubscription shifted(CspSubscription s, int hours) {
    Duration back = Duration.ofHours(hours);
    return new CspSubscription(s.id(), s.catalogItemId(), s.offerName(), s.quantity(), s.status(), s.termDuration(),
        s.billingCycle(), s.creationDate().minus(back), s.effectiveStartDate().minus(back),
        s.commitmentEndDate().minus(back), s.refundableQuantity(), s.orderId(), s.etag(), s.autoRenewEnabled(),
        s.cancellationAllowedUntil().minus(back), s.scheduledNextTerm());
  }
}
