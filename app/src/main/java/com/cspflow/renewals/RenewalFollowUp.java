package com.cspflow.renewals;

import com.cspflow.reconciliation.ChargeLedger;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.subscriptions.RenewalFollowing;
import com.cspflow.subscriptions.RenewalFollowing.Followed;
import com.cspflow.subscriptions.RenewalFollowing.FoundBy;
import com.cspflow.subscriptions.RenewalFollowing.Kind;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.subscriptions.SubscriptionRepository.TenantOf;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The daily renewal check: our record follows a renewal (or an expiry) within a day, not only at the next monthly
 * update. Each customer with an active subscription whose commitment end date has passed has its subscriptions read
 * from Microsoft, one call, and the monthly update's own rule ({@link RenewalFollowing}) applied to every one of
 * them. Microsoft refusing one customer (e.g. the relationship ended) is logged and counted and the others go on;
 * Microsoft not answering at all ({@link com.cspflow.csp.CspTechnicalException}) fails the check, so its job retries
 * and then raises an incident, and nothing of the attempt is kept: the rule is idempotent, a retry redoes it all.
 */
@Service
public class RenewalFollowUp {

  private static final Logger LOG = LoggerFactory.getLogger(RenewalFollowUp.class);

  /** What one check found: customers read, subscriptions renewed and expired, customers Microsoft refused. */
  public record Found(int customers, int renewed, int expired, int customersFailed) {}

  private final SubscriptionRepository subscriptions;
  private final CspPort csp;
  private final ChargeLedger charges;
  private final Clock clock;

  public RenewalFollowUp(SubscriptionRepository subscriptions, CspPort csp, Clock clock, ChargeLedger charges) {
    this.subscriptions = subscriptions;
    this.charges = charges;
    this.csp = csp;
    this.clock = clock;
  }

  public Found followDue() {
    Instant now = clock.instant();
    List<TenantOf> due = subscriptions.customersWithRenewalsDue(now);
    Map<String, List<Subscription>> ours = subscriptions.ofOrganizations(
        due.stream().map(TenantOf::organizationId).toList());
    List<Followed> followed = new ArrayList<>();
    int failed = 0;
    for (TenantOf customer : due) {
      List<CspSubscription> atMicrosoft;
      try {
        atMicrosoft = csp.subscriptions(customer.tenantId());
      } catch (CspBusinessException refused) {
        LOG.warn("Renewal check: subscriptions of organization {} not read: {}", customer.organizationId(),
            refused.getMessage());
        failed++;
        continue;
      }
      Map<String, Subscription> ourById = ours.getOrDefault(customer.organizationId(), List.of()).stream()
          .collect(Collectors.toMap(Subscription::id, Function.identity()));
      for (CspSubscription theirs : atMicrosoft) {
        Subscription our = ourById.get(theirs.id());
        if (our != null) {
          RenewalFollowing.of(our, theirs, clock.getZone()).ifPresent(f -> {
            LOG.info("Renewal check: subscription {} of organization {} {}", theirs.id(), customer.organizationId(),
                f.change());
            followed.add(f);
          });
        }
      }
    }
    subscriptions.followRenewals(followed, FoundBy.DAILY_CHECK, null, now);
    charges.followed(followed);
    Found found = new Found(due.size(), count(followed, Kind.RENEWED), count(followed, Kind.EXPIRED), failed);
    LOG.info("Renewal check: {} customers with renewals due, {} renewed, {} expired, {} not read", found.customers(),
        found.renewed(), found.expired(), found.customersFailed());
    return found;
  }

  private static int count(List<Followed> followed, Kind kind) {
    return (int) followed.stream().filter(f -> f.kind() == kind).count();
  }
}
