package com.cspflow.cancellation;

import com.cspflow.cancellation.SubscriptionCancellation.RenewalDecision;
import com.cspflow.reconciliation.ChargeLedger;
import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InputCheck;
import com.cspflow.platform.input.SameMomentConflicts;
import com.cspflow.platform.input.TaskRows;
import com.cspflow.platform.mail.NotificationMail;
import com.cspflow.subscriptions.OneChangeAtATime;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a subscription at Microsoft. New commerce allows it only within 7 days of the purchase or renewal (Microsoft
 * decides, by its refundable seats and {@code cancellationAllowedUntilDate}); later, the refusal says the date the
 * subscription can end instead, its commitment end date, and turning auto-renew off makes it end then.
 */
@Service
public class SubscriptionCancellationService {

  public static final String PROCESS_KEY = "subscriptionCancellation";
  private static final String DECISION_TASK = "Task_DecideOnRefusedCancellation";

  private final SubscriptionCancellationRepository cancellations;
  private final SubscriptionRepository subscriptions;
  private final ServiceRepository services;
  private final OrganizationRepository organizations;
  private final PartnerRepository partners;
  private final CspPort csp;
  private final NotificationMail mail;
  private final ChargeLedger charges;
  private final Clock clock;
  private final TaskService tasks;
  private final OneChangeAtATime oneChangeAtATime;
  private final TaskRows taskRows;

  public SubscriptionCancellationService(SubscriptionCancellationRepository cancellations,
      SubscriptionRepository subscriptions, ServiceRepository services, OrganizationRepository organizations,
      PartnerRepository partners, CspPort csp, NotificationMail mail, Clock clock, ChargeLedger charges,
      TaskService tasks, OneChangeAtATime oneChangeAtATime, TaskRows taskRows) {
    this.cancellations = cancellations;
    this.taskRows = taskRows;
    this.oneChangeAtATime = oneChangeAtATime;
    this.tasks = tasks;
    this.charges = charges;
    this.subscriptions = subscriptions;
    this.services = services;
    this.organizations = organizations;
    this.partners = partners;
    this.csp = csp;
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * Records the cancellation (a valid command): an unknown subscription or one of an organization without active
   * Microsoft 365 is a 400 naming the field; a subscription already cancelled, not active, ending at its renewal
   * already, or with a cancellation running or waiting for its decision is a conflict (409). The subscription's row
   * is locked meanwhile, so that two cancellations at once take turns and the second is the conflict.
   */
  @Transactional
  public SubscriptionCancellation register(CancelSubscription command, String requestedBy) {
    InputCheck input = new InputCheck();
    Optional<Subscription> subscription = subscriptions.findForUpdate(command.subscriptionId().trim());
    if (subscription.isEmpty()) {
      input.problem("subscriptionId", "is not a known subscription");
    }
    subscription.filter(s -> services.find(s.organizationId()).filter(m -> m.status() == M365Service.Status.ACTIVE)
        .isEmpty()).ifPresent(s -> input.problem("subscriptionId",
            "belongs to an organization without active Microsoft 365"));
    input.throwIfInvalid();
    Subscription current = subscription.get();
    if (current.cancelledAt() != null || CspSubscription.Status.DELETED.name().equals(current.status())) {
      throw new ConflictingProcessInput("subscriptionId", "is already cancelled");
    }
    if (!CspSubscription.Status.ACTIVE.name().equals(current.status())) {
      throw new ConflictingProcessInput("subscriptionId", "is " + current.status().toLowerCase()
          + ", only an active subscription can be cancelled");
    }
    Instant now = clock.instant();
    if (endsAtRenewalAlready(current, now)) {
      throw new ConflictingProcessInput("subscriptionId", "ends at its renewal"
          + (current.commitmentEndDate() == null ? "" : " on " + day(current.commitmentEndDate()))
          + " already (auto-renew is off) and can no longer be cancelled before");
    }
    oneChangeAtATime.refuseWhileAnotherRuns(current.id());
    SubscriptionCancellation cancellation = new SubscriptionCancellation(UUID.randomUUID().toString(), current.id(),
        current.organizationId(), SubscriptionCancellation.Status.IN_PROGRESS, null, null, null, requestedBy, now,
        now);
    cancellations.insert(cancellation);
    return cancellation;
  }

  /**
   * Auto-renew off and past the 7 days in which Microsoft takes a cancellation: Microsoft would refuse it, and the
   * only choice it leaves (end at the renewal) is made already. Within the 7 days it can still be cancelled.
   */
  private static boolean endsAtRenewalAlready(Subscription subscription, Instant now) {
    return Boolean.FALSE.equals(subscription.autoRenewEnabled()) && subscription.cancellationAllowedUntil() != null
        && !now.isBefore(subscription.cancellationAllowedUntil());
  }

  /** At Microsoft, with the cancellation's id as idempotency key; then our record shows it cancelled from now. */
  public void cancel(String cancellationId) {
    SubscriptionCancellation cancellation = cancellation(cancellationId);
    Subscription before = subscriptions.find(cancellation.subscriptionId()).orElseThrow();
    CspSubscription cancelled = csp.cancelSubscription(cancellationId, tenantOf(cancellation),
        cancellation.subscriptionId());
    Instant now = clock.instant();
    subscriptions.markCancelled(cancellation.subscriptionId(), cancelled.status().name(), now);
    charges.cancelled(cancellationId, ChargeLedger.ChargedTerm.of(before), now);
    cancellations.cancelled(cancellationId, now);
  }

  /**
   * Records Microsoft's refusal with the date the subscription can end at instead: {@code renewalDate} as Microsoft
   * reported it with the refusal, else the commitment end date we know. Returns the reason, date included.
   */
  @Transactional
  public String refuse(String cancellationId, String microsoftReason, Instant renewalDate) {
    SubscriptionCancellation cancellation = cancellation(cancellationId);
    Instant canEndAt = renewalDate != null ? renewalDate
        : subscriptions.find(cancellation.subscriptionId()).map(Subscription::commitmentEndDate).orElse(null);
    String reason = canEndAt == null ? microsoftReason : microsoftReason
        + ". A subscription can only be cancelled within 7 days of its purchase or renewal; it can end at its renewal"
        + " on " + day(canEndAt) + " if auto-renew is turned off.";
    cancellations.refused(cancellationId, reason, canEndAt, clock.instant());
    return reason;
  }

  /** Whether the cancellation waits for the decision "End at renewal or keep?". */
  public boolean waitsForDecision(String cancellationId) {
    return decisionTask(cancellationId) != null;
  }

  /**
   * Completes "End at renewal or keep?" with the decision, the decider recorded as the task's assignee (where
   * Tasklist's decisions show). The task's row is locked first, then the cancellation's, in the order a completion in
   * Tasklist locks them, so that two decisions at the same moment take turns: the second finds the task gone and is a
   * conflict (409 "was decided meanwhile"). Without a lock both assigned the task, and the engine's second insert of
   * the assignee's permission on it failed on a duplicate key (a 500).
   */
  @Transactional
  public void decide(String cancellationId, RenewalDecision decision, String decidedBy) {
    Task waiting = decisionTask(cancellationId);
    if (waiting == null || !holds(waiting)) {
      throw decidedMeanwhile();
    }
    cancellations.findForUpdate(cancellationId).orElseThrow();
    try {
      tasks.setAssignee(waiting.getId(), decidedBy);
      tasks.complete(waiting.getId(), Map.of("renewalDecision", decision.name()));
    } catch (NullValueException | NotFoundException decidedInTasklist) {
      throw decidedMeanwhile();
    } catch (RestException refused) {
      // TaskTurns: completed in Tasklist meanwhile (404), or changed there at the same moment (409)
      if (refused.getStatus() == Response.Status.NOT_FOUND || refused.getStatus() == Response.Status.CONFLICT) {
        throw decidedMeanwhile();
      }
      throw refused;
    } catch (ProcessEngineException failed) {
      if (SameMomentConflicts.isOne(failed)) {
        throw decidedMeanwhile();
      }
      throw failed;
    }
  }

  /** Holds the task's row; false when it is gone, or held by another decision longer than the lock waits. */
  private boolean holds(Task waiting) {
    try {
      return taskRows.hold(waiting.getId());
    } catch (PessimisticLockingFailureException beingDecided) {
      return false;
    }
  }

  private static ConflictingProcessInput decidedMeanwhile() {
    return new ConflictingProcessInput("renewalDecision", "was decided meanwhile");
  }

  private Task decisionTask(String cancellationId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(cancellationId).processDefinitionKey(PROCESS_KEY)
        .taskDefinitionKey(DECISION_TASK).singleResult();
  }

  /** Turns auto-renew off at Microsoft: the subscription ends at its commitment end date. */
  public void endAtRenewal(String cancellationId) {
    SubscriptionCancellation cancellation = cancellation(cancellationId);
    String requestId = UUID.nameUUIDFromBytes(("end-at-renewal:" + cancellationId).getBytes(StandardCharsets.UTF_8))
        .toString();
    CspSubscription notRenewing = csp.setAutoRenew(requestId, tenantOf(cancellation), cancellation.subscriptionId(),
        false);
    Instant now = clock.instant();
    subscriptions.updateRenewalFacts(List.of(notRenewing), now);
    cancellations.endsAtRenewal(cancellationId, now);
  }

  /** The subscription stays as it is and renews as before. */
  public void keep(String cancellationId) {
    cancellations.kept(cancellation(cancellationId).id(), clock.instant());
  }

  /** Tells the partner's contact that the subscription is cancelled: once, however often the mail's job runs. */
  public void notifyPartner(String cancellationId) {
    SubscriptionCancellation cancellation = cancellation(cancellationId);
    Organization organization = organizations.find(cancellation.organizationId()).orElseThrow();
    Subscription subscription = subscriptions.find(cancellation.subscriptionId()).orElseThrow();
    partners.find(organization.partnerId()).ifPresent(partner -> mail.sendOnce("subscription-cancelled",
        cancellationId, partner.contactEmail(),
        "Subscription cancelled: " + subscription.offerName() + " for " + organization.name(),
        """
        Hello %s,

        %s for %s (%d seats) is cancelled as of %s; it is not billed from then on.
        """.formatted(partner.contactName(), subscription.offerName(), organization.name(), subscription.quantity(),
            day(subscription.cancelledAt()))));
  }

  /** The date in the reason and the form: the day in cspflow's time zone. */
  public static String day(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(ZoneId.systemDefault()));
  }

  public SubscriptionCancellation cancellation(String cancellationId) {
    return cancellations.find(cancellationId)
        .orElseThrow(() -> new IllegalStateException("No cancellation " + cancellationId));
  }

  private String tenantOf(SubscriptionCancellation cancellation) {
    return services.find(cancellation.organizationId()).map(M365Service::tenantId).orElseThrow();
  }
}
