package com.cspflow.cancellation;

import com.cspflow.cancellation.CancellationDecisions.RefusedCancellation;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import com.cspflow.subscriptions.SubscriptionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Cancelling a customer's subscription, and following the cancellation. */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Subscriptions")
public class SubscriptionCancellationApi {

  private final SubscriptionCancellationRepository cancellations;
  private final SubscriptionRepository subscriptions;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;
  private final SubscriptionCancellationService service;

  public SubscriptionCancellationApi(SubscriptionCancellationRepository cancellations,
      SubscriptionRepository subscriptions, OrganizationDirectory organizations, PartnerAccess access,
      ProcessStarter processes, SubscriptionCancellationService service) {
    this.cancellations = cancellations;
    this.subscriptions = subscriptions;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
    this.service = service;
  }

  /**
   * 202 with the cancellation (In progress) and its Location. Microsoft cancels, with a refund, only within 7 days of
   * the purchase or renewal; later the cancellation is Refused with Microsoft's reason and the date the subscription
   * can end at (its renewal), and the back office decides whether it ends then. 409 when the subscription is already
   * cancelled or has a cancellation running. Takes no body; honours Idempotency-Key.
   */
  @PostMapping("/subscriptions/{subscriptionId}/cancellation")
  @Operation(summary = "Cancel a subscription (within 7 days of its purchase or renewal)")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<SubscriptionCancellation> cancel(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId) {
    ApiCaller caller = access.actingFor(partnerId);
    subscriptions.find(subscriptionId).filter(s -> organizations.belongsTo(s.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No subscription " + subscriptionId + " of partner " + partnerId));
    String cancellationId = processes.start(SubscriptionCancellationService.PROCESS_KEY,
        new CancelSubscription(subscriptionId), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/cancellations/"
        + cancellationId)).body(cancellations.find(cancellationId).orElseThrow());
  }

  @GetMapping("/cancellations/{cancellationId}")
  @Operation(summary = "A cancellation: In progress, Cancelled, Refused with Microsoft's reason and the date it can "
      + "end at, or Ends at renewal")
  public SubscriptionCancellation cancellation(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String cancellationId) {
    access.readingFor(partnerId);
    return cancellations.find(cancellationId).filter(c -> organizations.belongsTo(c.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No cancellation " + cancellationId + " of partner " + partnerId));
  }

  /**
   * The decision on a cancellation Microsoft refused, from the partner's system as from Tasklist's "End at renewal or
   * keep?": {@code END_AT_RENEWAL} turns auto-renew off at Microsoft (202, the cancellation becomes Ends at renewal
   * once Microsoft has it), {@code KEEP} leaves the subscription to renew (202, decided). 409 when the cancellation is
   * not waiting for a decision (in progress, cancelled, or decided already, here or in Tasklist).
   */
  @PostMapping("/cancellations/{cancellationId}/decision")
  @Operation(summary = "Decide on a refused cancellation: end the subscription at its renewal, or keep it")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<SubscriptionCancellation> decide(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String cancellationId,
      @RequestBody @Valid RefusedCancellation decision) {
    ApiCaller caller = access.actingFor(partnerId);
    SubscriptionCancellation cancellation = cancellations.find(cancellationId)
        .filter(c -> organizations.belongsTo(c.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No cancellation " + cancellationId + " of partner " + partnerId));
    if (!service.waitsForDecision(cancellationId)) {
      throw new ConflictingProcessInput("renewalDecision", notWaiting(cancellation));
    }
    service.decide(cancellationId, decision.renewalDecision(), caller.engineUserId());
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/cancellations/"
        + cancellationId)).body(cancellations.find(cancellationId).orElseThrow());
  }

  private static String notWaiting(SubscriptionCancellation cancellation) {
    return switch (cancellation.status()) {
      case IN_PROGRESS -> "cannot be decided yet: Microsoft has not answered the cancellation";
      case CANCELLED -> "cannot be decided: the subscription is cancelled";
      case ENDS_AT_RENEWAL -> "was decided already: the subscription ends at its renewal";
      case REFUSED -> cancellation.renewalDecision() == null
          ? "cannot be decided now: the decision is being carried out"
          : "was decided already: " + cancellation.renewalDecision();
    };
  }
}
