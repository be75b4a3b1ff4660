package com.cspflow.quantitychange;

import com.cspflow.reconciliation.ChargeLedger;
import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InputCheck;
import com.cspflow.platform.mail.NotificationMail;
import com.cspflow.pricing.PartnerPrices;
import com.cspflow.pricing.SeatPrice;
import com.cspflow.subscriptions.OneChangeAtATime;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.Subscription.NextTerm;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a subscription's seat count. Increases are always possible; Microsoft accepts a decrease only
 * within 7 days of the purchase, renewal or increase that added those seats, and otherwise it can only be
 * scheduled for the renewal: a refusal says so, with the date.
 */
@Service
public class QuantityChangeService {

  private static final Logger LOG = LoggerFactory.getLogger(QuantityChangeService.class);

  public static final String PROCESS_KEY = "quantityChange";

  private final QuantityChangeRepository changes;
  private final SubscriptionRepository subscriptions;
  private final ServiceRepository services;
  private final OrganizationRepository organizations;
  private final PartnerRepository partners;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final CspPort csp;
  private final NotificationMail mail;
  private final ChargeLedger charges;
  private final OneChangeAtATime oneChangeAtATime;
  private final Clock clock;

  public QuantityChangeService(QuantityChangeRepository changes, SubscriptionRepository subscriptions,
      ServiceRepository services, OrganizationRepository organizations, PartnerRepository partners,
      CatalogService catalog, PartnerPrices prices, CspPort csp, NotificationMail mail, Clock clock, ChargeLedger charges,
      OneChangeAtATime oneChangeAtATime) {
    this.changes = changes;
    this.oneChangeAtATime = oneChangeAtATime;
    this.charges = charges;
    this.subscriptions = subscriptions;
    this.services = services;
    this.organizations = organizations;
    this.partners = partners;
    this.catalog = catalog;
    this.prices = prices;
    this.csp = csp;
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * Records the change (a valid command): an unknown subscription, one of an organization without active
   * Microsoft 365, a quantity outside the product's range or equal to today's is a 400 naming the field; a
   * subscription that is not active or already has a change in progress, of its seats, at its renewal or its cancellation, is a
   * conflict (409). The subscription's row is locked meanwhile, so that two changes at once take turns and the second
   * is the conflict: the next term this change schedules again after Microsoft deleted it is the one read here.
   */
  @Transactional
  public QuantityChange register(ChangeQuantity command, String requestedBy) {
    InputCheck input = new InputCheck();
    String id = command.subscriptionId().trim();
    int requested = command.quantity();
    Optional<Subscription> subscription = subscriptions.findForUpdate(id);
    if (subscription.isEmpty()) {
      input.problem("subscriptionId", "is not a known subscription");
    }
    subscription.ifPresent(s -> {
      if (services.find(s.organizationId()).filter(m -> m.status() == M365Service.Status.ACTIVE).isEmpty()) {
        input.problem("subscriptionId", "belongs to an organization without active Microsoft 365");
      }
      catalog.offer(s.catalogItemId()).ifPresent(o -> {
        if (requested < o.minimumQuantity() || requested > o.maximumQuantity()) {
          input.problem("quantity", "must be between " + o.minimumQuantity() + " and " + o.maximumQuantity()
              + " for " + o.productName());
        }
      });
      if (s.quantity() == requested) {
        input.problem("quantity", "is already " + requested);
      }
    });
    input.throwIfInvalid();
    Subscription current = subscription.get();
    if (!CspSubscription.Status.ACTIVE.name().equals(current.status())) {
      throw new ConflictingProcessInput("subscriptionId", "is " + current.status().toLowerCase(Locale.ROOT)
          + ", only an active subscription's seats can change");
    }
    oneChangeAtATime.refuseWhileAnotherRuns(current.id());
    Instant now = clock.instant();
    NextTerm scheduled = current.scheduledNextTerm();
    QuantityChange change = new QuantityChange(UUID.randomUUID().toString(), current.id(), current.organizationId(),
        current.quantity(), requested, QuantityChange.Status.IN_PROGRESS, null, null, scheduled,
        scheduled == null ? null : false, null, requestedBy, now, now, priceOf(current, requested));
    changes.insert(change);
    return change;
  }

  /**
   * The partner's price of {@code seats} of the subscription today, on its own term and billing plan; null where the
   * catalog or Microsoft's price sheet has none.
   */
  private SeatPrice priceOf(Subscription subscription, int seats) {
    String partnerId = organizations.find(subscription.organizationId()).orElseThrow().partnerId();
    return catalog.offer(subscription.catalogItemId()).flatMap(offer -> prices.forPartner(partnerId)
            .price(partnerId, offer, subscription.termDuration(), subscription.billingCycle(), LocalDate.now(clock)))
        .map(price -> SeatPrice.of(price, seats)).orElse(null);
  }

  /**
   * At the CSP, with the change's id as idempotency key; then our record follows. The change is complete here unless
   * Microsoft deleted a scheduled next term with it: until that is scheduled again the change is in progress, so that
   * no change at renewal starts in between for the restore to overwrite.
   */
  public void apply(String changeId) {
    QuantityChange change = change(changeId);
    String tenantId = services.find(change.organizationId()).map(M365Service::tenantId).orElseThrow();
    Subscription before = subscriptions.find(change.subscriptionId()).orElseThrow();
    var changed = csp.changeQuantity(changeId, tenantId, change.subscriptionId(), change.requestedQuantity());
    Instant now = clock.instant();
    subscriptions.updateQuantity(change.subscriptionId(), changed.quantity(), now);
    charges.seatsChanged(changeId, ChargeLedger.ChargedTerm.of(before), changed.quantity() - before.quantity(), now);
    if (change.keptNextTerm() == null) {
      changes.completed(changeId, now);
    }
  }

  /**
   * Microsoft deleted the next term scheduled for the renewal when the seats changed: schedules the one the
   * subscription had again, under a request id made from the change's id (a retry is a replay), and our record keeps
   * Microsoft's answer.
   */
  public void restoreScheduledChange(String changeId) {
    QuantityChange change = change(changeId);
    NextTerm kept = change.keptNextTerm();
    String tenantId = services.find(change.organizationId()).map(M365Service::tenantId).orElseThrow();
    CspSubscription rescheduled;
    try {
      rescheduled = csp.scheduleNextTerm(
          UUID.nameUUIDFromBytes(("restore-next-term:" + changeId).getBytes(StandardCharsets.UTF_8)).toString(),
          tenantId, change.subscriptionId(),
          new NextTermInstructions(kept.catalogItemId(), kept.quantity(), kept.termDuration(), kept.billingCycle()));
    } catch (CspBusinessException refused) {
      // The seats changed; the next term is not scheduled (scheduledChangeRestored stays false, the partner is told)
      // and the subscription is free for the partner's next change, which may schedule it
      LOG.warn("Quantity change {}: Microsoft refused to schedule the kept next term again: {}", changeId,
          refused.getMessage());
      changes.completed(changeId, clock.instant());
      return;
    }
    Instant now = clock.instant();
    subscriptions.updateRenewalFacts(List.of(rescheduled), now);
    changes.scheduledChangeRestored(changeId, now);
    changes.completed(changeId, now);
  }

  /**
   * Records Microsoft's refusal. A refused decrease can be scheduled for the renewal: the reason names that
   * date, and so does the record.
   */
  @Transactional
  public String refuse(String changeId, String microsoftReason) {
    QuantityChange change = change(changeId);
    Instant renewal = change.decrease()
        ? subscriptions.find(change.subscriptionId()).map(Subscription::commitmentEndDate).orElse(null) : null;
    String reason = renewal == null ? microsoftReason : microsoftReason
        + ". Seats can only be removed within 7 days of purchase, renewal or the increase that added them;"
        + " the decrease can be scheduled for the renewal on "
        + DateTimeFormatter.ISO_LOCAL_DATE.format(renewal.atZone(ZoneId.systemDefault()))
        + " in one step: a renewal change with quantity " + change.requestedQuantity() + ".";
    changes.refused(changeId, reason, renewal, clock.instant());
    return reason;
  }

  public void notifyPartner(String changeId) {
    QuantityChange change = change(changeId);
    Organization organization = organizations.find(change.organizationId()).orElseThrow();
    Subscription subscription = subscriptions.find(change.subscriptionId()).orElseThrow();
    partners.find(organization.partnerId()).ifPresent(partner -> mail.sendOnce("quantity-changed", changeId,
        partner.contactEmail(), "Quantity changed: " + subscription.offerName() + " for " + organization.name(),
        """
        Hello %s,

        %s for %s now has %d seats (was %d).
        %s""".formatted(partner.contactName(), subscription.offerName(), organization.name(),
            change.requestedQuantity(), change.previousQuantity(), keptNote(change))));
  }

  private static String keptNote(QuantityChange change) {
    NextTerm kept = change.keptNextTerm();
    if (kept == null) {
      return "";
    }
    return (Boolean.TRUE.equals(change.scheduledChangeRestored()) ? """

        Microsoft deletes a next term scheduled for the renewal when the seats change; cspflow has scheduled it again:
        %d seats of %s, term %s, billed %s.
        """ : """

        Microsoft deletes a next term scheduled for the renewal when the seats change, and it refused to schedule it
        again: %d seats of %s, term %s, billed %s is no longer scheduled. Ask for it again with a renewal change.
        """).formatted(kept.quantity(), kept.catalogItemId(), kept.termDuration(), kept.billingCycle());
  }

  public QuantityChange change(String changeId) {
    return changes.find(changeId).orElseThrow(() -> new IllegalStateException("No quantity change " + changeId));
  }
}
