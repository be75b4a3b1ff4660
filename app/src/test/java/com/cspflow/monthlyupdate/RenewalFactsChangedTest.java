package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.subscriptions.Subscription;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run writes back Microsoft's renewal facts (and its creation date, once) only for subscriptions whose facts our
 * record does not have yet (or that we have no record of): a full sweep of unchanged customers rewrites nothing.
 */
class RenewalFactsChangedTest {

  static final Instant END = Instant.parse("2027-06-30T00:00:00Z");
  static final Instant WINDOW = Instant.parse("2026-07-08T00:00:00Z");

  @Test
  void anUnchangedSubscriptionIsNotWrittenBack() {
    assertThat(MonthlyUpdateService.renewalFactsChanged(List.of(ours("s1", END, true, WINDOW, null)),
        List.of(theirs("s1", END, true, WINDOW, null)))).isEmpty();
    Subscription.NextTerm next = new Subscription.NextTerm("item-2", 7, "P1Y", "annual");
    assertThat(MonthlyUpdateService.renewalFactsChanged(List.of(ours("s1", END, true, WINDOW, next)),
        List.of(theirs("s1", END, true, WINDOW, new NextTermInstructions("item-2", 7, "P1Y", "annual"))))).isEmpty();
  }

  @Test
  void eachChangedFactAndAnUnknownSubscriptionAreWrittenBack() {
    List<Subscription> recorded = List.of(ours("end", END, true, WINDOW, null), ours("renew", END, true, WINDOW, null),
        ours("unknownRenew", END, null, WINDOW, null), ours("window", END, true, WINDOW, null),
        ours("next", END, true, WINDOW, new Subscription.NextTerm("item-2", 7, "P1Y", "annual")),
        ours("nextSeats", END, true, WINDOW, new Subscription.NextTerm("item-2", 7, "P1Y", "annual")),
        ours("scheduled", END, true, WINDOW, null));
    List<CspSubscription> atMicrosoft = List.of(theirs("end", END.plusSeconds(86400), true, WINDOW, null),
        theirs("renew", END, false, WINDOW, null), theirs("unknownRenew", END, true, WINDOW, null),
        theirs("window", END, true, null, null), theirs("next", END, true, WINDOW, null),
        theirs("nextSeats", END, true, WINDOW, new NextTermInstructions("item-2", 8, "P1Y", "annual")),
        theirs("scheduled", END, true, WINDOW, new NextTermInstructions("item-3", 1, "P1M", "monthly")),
        theirs("discovered", END, true, WINDOW, null));
    assertThat(MonthlyUpdateService.renewalFactsChanged(recorded, atMicrosoft)).extracting(CspSubscription::id)
        .containsExactly("end", "renew", "unknownRenew", "window", "next", "nextSeats", "scheduled", "discovered");
  }

  @Test
  void aRecordWithoutMicrosoftsCreationDateIsWrittenBackToLearnIt() {
    Subscription recordedBeforeV97 = ours("s1", END, true, WINDOW, null);
    recordedBeforeV97 = new Subscription(recordedBeforeV97.id(), recordedBeforeV97.organizationId(),
        recordedBeforeV97.catalogItemId(), recordedBeforeV97.offerName(), recordedBeforeV97.quantity(),
        recordedBeforeV97.status(), recordedBeforeV97.termDuration(), recordedBeforeV97.billingCycle(),
        recordedBeforeV97.startDate(), END, null, true, WINDOW, null, null, null);
    assertThat(MonthlyUpdateService.renewalFactsChanged(List.of(recordedBeforeV97),
        List.of(theirs("s1", END, true, WINDOW, null)))).extracting(CspSubscription::id).containsExactly("s1");
  }

  private static Subscription ours(String id, Instant end, Boolean autoRenew, Instant window,
      Subscription.NextTerm next) {
    return new Subscription(id, "org", "item-1", "Offer", 5, "ACTIVE", "P1Y", "monthly", END.minusSeconds(86400 * 365),
        end, null, autoRenew, window, next, null, END.minusSeconds(86400 * 365));
  }

  private static CspSubscription theirs(String id, Instant end, boolean autoRenew, Instant window,
      NextTermInstructions next) {
    return new CspSubscription(id, "item-1", "Offer", 5, CspSubscription.Status.ACTIVE, "P1Y", "monthly",
        END.minusSeconds(86400 * 365), END.minusSeconds(86400 * 365), end, 0, null, null, autoRenew, window, next);
  }
}
