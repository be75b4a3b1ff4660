package com.cspflow.nextterm;

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
import com.cspflow.subscriptions.OneChangeAtATime;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.Subscription.NextTerm;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes what happens to a subscription at its renewal: auto-renew on or off (off: it expires at its commitment end
 * date) and the next term Microsoft renews it as ({@code scheduledNextTermInstructions}). The next term is checked
 * against our catalog before anything is sent; our record then keeps the renewal facts Microsoft answers with.
 */
@Service
public class RenewalChangeService {

  public static final String PROCESS_KEY = "renewalChange";

  private final RenewalChangeRepository changes;
  private final SubscriptionRepository subscriptions;
  private final ServiceRepository services;
  private final OrganizationRepository organizations;
  private final PartnerRepository partners;
  private final CatalogService catalog;
  private final CspPort csp;
  private final NotificationMail mail;
  private final OneChangeAtATime oneChangeAtATime;
  private final Clock clock;

  public RenewalChangeService(RenewalChangeRepository changes, SubscriptionRepository subscriptions,
      ServiceRepository services, OrganizationRepository organizations, PartnerRepository partners,
      CatalogService catalog, CspPort csp, NotificationMail mail, Clock clock, OneChangeAtATime oneChangeAtATime) {
    this.changes = changes;
    this.oneChangeAtATime = oneChangeAtATime;
    this.subscriptions = subscriptions;
    this.services = services;
    this.organizations = organizations;
    this.partners = partners;
    this.catalog = catalog;
    this.csp = csp;
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * Records the change (a valid command). Nothing to change (auto-renew only, as it already is), an unknown
   * subscription, one of an organization without active Microsoft 365, or a next term our catalog does not offer
   * (product, term, billing cycle, seat range) is a 400 naming the field; a subscription that is not active or already
   * has a change running (at its renewal, or of its seats, which would schedule the next term it read again after this
   * one) is a conflict (409). The subscription's row is locked meanwhile, so that two changes at once take turns and
   * the second is the conflict.
   */
  @Transactional
  public RenewalChange register(ChangeAtRenewal command, String requestedBy) {
    InputCheck input = new InputCheck();
    if (command.autoRenew() == null && !command.changesNextTerm()) {
      input.problem("autoRenew", "or a next term (catalogItemId, quantity, termDuration, billingCycle) is needed:"
          + " say what changes at the renewal");
      input.throwIfInvalid();
    }
    Optional<Subscription> subscription = subscriptions.findForUpdate(command.subscriptionId().trim());
    if (subscription.isEmpty()) {
      input.problem("subscriptionId", "is not a known subscription");
    }
    subscription.filter(s -> services.find(s.organizationId()).filter(m -> m.status() == M365Service.Status.ACTIVE)
        .isEmpty()).ifPresent(s -> input.problem("subscriptionId",
            "belongs to an organization without active Microsoft 365"));
    NextTerm nextTerm = subscription.filter(s -> command.changesNextTerm()).map(s -> nextTerm(command, s, input))
        .orElse(null);
    input.throwIfInvalid();
    Subscription current = subscription.get();
    if (!CspSubscription.Status.ACTIVE.name().equals(current.status())) {
      throw new ConflictingProcessInput("subscriptionId", "is " + current.status().toLowerCase()
          + ", only an active subscription renews");
    }
    if (nextTerm != null && Boolean.FALSE.equals(current.autoRenewEnabled())
        && command.autoRenew() != ChangeAtRenewal.AutoRenew.ON) {
      // Microsoft keeps a next term of a subscription that expires, and nothing renews as it
      throw new ConflictingProcessInput("autoRenew", "is off: the subscription expires at its renewal, so a next term"
          + " would never start; turn autoRenew on with the next term");
    }
    oneChangeAtATime.refuseWhileAnotherRuns(current.id());
    if (!command.changesNextTerm() && current.autoRenewEnabled() != null
        && current.autoRenewEnabled() == (command.autoRenew() == ChangeAtRenewal.AutoRenew.ON)) {
      input.problem("autoRenew", "is already " + (current.autoRenewEnabled() ? "on" : "off")
          + ": nothing changes at the renewal");
      input.throwIfInvalid();
    }
    Instant now = clock.instant();
    Boolean autoRenew = command.autoRenew() == null ? null : command.autoRenew() == ChangeAtRenewal.AutoRenew.ON;
    RenewalChange change = new RenewalChange(UUID.randomUUID().toString(), current.id(), current.organizationId(),
        autoRenew, nextTerm, RenewalChange.Status.IN_PROGRESS, null, requestedBy, now, now);
    changes.insert(change);
    return change;
  }

  /** The requested next term, today's values where a field is left out, checked against the catalog. */
  private NextTerm nextTerm(ChangeAtRenewal command, Subscription current, InputCheck input) {
    NextTerm next = new NextTerm(
        command.catalogItemId() != null ? command.catalogItemId() : current.catalogItemId(),
        command.quantity() != null ? command.quantity() : current.quantity(),
        command.termDuration() != null ? command.termDuration() : current.termDuration(),
        command.billingCycle() != null ? command.billingCycle() : current.billingCycle());
    Optional<CatalogOffer> offer = catalog.offer(next.catalogItemId());
    if (offer.isEmpty()) {
      input.problem("catalogItemId", "is not in the catalog");
      return next;
    }
    CatalogOffer o = offer.get();
    if (o.withdrawn()) {
      input.problem("catalogItemId", "was withdrawn from Microsoft's catalog on " + o.withdrawnOn() + ": "
          + o.productName() + " can no longer be chosen for a next term");
    }
    if (!o.termDurations().contains(next.termDuration())) {
      input.problem("termDuration", "must be one of " + String.join(", ", o.termDurations()) + " for "
          + o.productName());
    } else if (!o.sells(next.termDuration(), next.billingCycle())) {
      input.problem("billingCycle", "must be one of " + String.join(", ", o.billingCycles(next.termDuration()))
          + " for " + next.termDuration() + " of " + o.productName());
    }
    if (next.quantity() < o.minimumQuantity() || next.quantity() > o.maximumQuantity()) {
      input.problem("quantity", "must be between " + o.minimumQuantity() + " and " + o.maximumQuantity() + " for "
          + o.productName());
    }
    return next;
  }

  /**
   * At Microsoft, each call under a request id made from the change's id (a retry is Microsoft's replay of the same
   * change); then our record keeps the renewal facts of Microsoft's last answer.
   */
  public void apply(String changeId) {
    RenewalChange change = change(changeId);
    String tenantId = services.find(change.organizationId()).map(M365Service::tenantId).orElseThrow();
    CspSubscription answer = null;
    if (change.autoRenew() != null) {
      answer = csp.setAutoRenew(requestId("auto-renew", changeId), tenantId, change.subscriptionId(),
          change.autoRenew());
    }
    if (change.nextTerm() != null) {
      NextTerm next = change.nextTerm();
      try {
        answer = csp.scheduleNextTerm(requestId("next-term", changeId), tenantId, change.subscriptionId(),
            new NextTermInstructions(next.catalogItemId(), next.quantity(), next.termDuration(), next.billingCycle()));
      } catch (CspBusinessException refused) {
        if (answer != null) {
          // Microsoft has the auto-renew part: our record says so, and the refusal says what was taken.
          subscriptions.updateRenewalFacts(List.of(answer), clock.instant());
          String said = refused.description().endsWith(".")
              ? refused.description().substring(0, refused.description().length() - 1) : refused.description();
          CspBusinessException partly = new CspBusinessException(refused.httpStatus(), refused.code(), said
              + ". Auto-renew is " + (change.autoRenew() ? "on" : "off") + " as asked; the next term is not scheduled");
          partly.initCause(refused);
          throw partly;
        }
        throw refused;
      }
    }
    Instant now = clock.instant();
    subscriptions.updateRenewalFacts(List.of(answer), now);
    changes.completed(changeId, now);
  }

  /**
   * Microsoft refused the change: REFUSED with its reason, which says too what Microsoft accepted before refusing (auto-
   * renew, sent first: {@link #apply} adds it to the refusal only when Microsoft took it), so that the partner knows
   * where the subscription stands. Returns the reason.
   */
  @Transactional
  public String refuse(String changeId, String microsoftReason) {
    String reason = "Microsoft refused: " + microsoftReason;
    changes.refused(changeId, reason, clock.instant());
    return reason;
  }

  /** Tells the partner's contact that Microsoft refused the change, and why: once, however often the job runs. */
  public void notifyPartnerOfRefusal(String changeId) {
    RenewalChange change = change(changeId);
    Organization organization = organizations.find(change.organizationId()).orElseThrow();
    Subscription subscription = subscriptions.find(change.subscriptionId()).orElseThrow();
    partners.find(organization.partnerId()).ifPresent(partner -> mail.sendOnce("renewal-change-refused", changeId,
        partner.contactEmail(), "Not changed at renewal: " + subscription.offerName() + " for "
            + organization.name(),
        """
        Hello %s,

        The change you asked for at the renewal of %s for %s was not made.
        %s
        Nothing else was changed; ask again once the reason is resolved.
        """.formatted(partner.contactName(), subscription.offerName(), organization.name(),
            change.refusalReason())));
  }

  /** Tells the partner's contact what happens at the renewal: once, however often the mail's job runs. */
  public void notifyPartner(String changeId) {
    RenewalChange change = change(changeId);
    Organization organization = organizations.find(change.organizationId()).orElseThrow();
    Subscription subscription = subscriptions.find(change.subscriptionId()).orElseThrow();
    StringBuilder what = new StringBuilder();
    if (change.autoRenew() != null) {
      what.append(change.autoRenew() ? "- it renews automatically\n" : "- it does not renew: it expires then\n");
    }
    if (change.nextTerm() != null) {
      NextTerm next = change.nextTerm();
      what.append("- its next term: ").append(catalog.offer(next.catalogItemId()).map(CatalogOffer::productName)
          .orElse(next.catalogItemId())).append(", ").append(next.quantity()).append(" seats, term ")
          .append(next.termDuration()).append(", billed ").append(next.billingCycle()).append('\n');
    }
    partners.find(organization.partnerId()).ifPresent(partner -> mail.sendOnce("renewal-changed", changeId,
        partner.contactEmail(), "Changed at renewal: " + subscription.offerName() + " for " + organization.name(),
        """
        Hello %s,

        At its renewal on %s, %s for %s changes:
        %s
        A seat change before then makes Microsoft forget a scheduled next term; cspflow schedules it again.
        """.formatted(partner.contactName(), day(subscription.commitmentEndDate()), subscription.offerName(),
            organization.name(), what)));
  }

  public RenewalChange change(String changeId) {
    return changes.find(changeId).orElseThrow(() -> new IllegalStateException("No renewal change " + changeId));
  }

  private static String requestId(String what, String changeId) {
    return UUID.nameUUIDFromBytes((what + ":" + changeId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String day(Instant instant) {
    return instant == null ? "its commitment end date"
        : DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(ZoneId.systemDefault()));
  }
}
