package com.cspflow.cancellation;

import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import com.cspflow.subscriptions.SubscriptionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

  public SubscriptionCancellationApi(SubscriptionCancellationRepository cancellations,
      SubscriptionRepository subscriptions, OrganizationDirectory organizations, PartnerAccess access,
      ProcessStarter processes) {
    this.cancellations = cancellations;
    this.subscriptions = subscriptions;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
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
}
