package com.cspflow.quantitychange;

import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

/** Changing the number of seats of a customer's subscription, and following the change. */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Subscriptions", description = "A customer's subscriptions and changes to their seats")
public class QuantityChangeApi {

  private final QuantityChangeRepository changes;
  private final SubscriptionRepository subscriptions;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public QuantityChangeApi(QuantityChangeRepository changes, SubscriptionRepository subscriptions,
      OrganizationDirectory organizations, PartnerAccess access, ProcessStarter processes) {
    this.changes = changes;
    this.subscriptions = subscriptions;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
  }

  @Schema(description = "The new number of seats")
  public record QuantityRequest(@NotNull @Min(1) @Max(Patterns.MAX_SEATS) @Schema(example = "15") Integer quantity) {}

  /**
   * 202 with the change (In progress) and its Location: increases are placed at once; Microsoft accepts a decrease
   * only within 7 days of the purchase, renewal or increase that added the seats (the change then says until when
   * it can be scheduled). Honours Idempotency-Key.
   */
  @PostMapping("/subscriptions/{subscriptionId}/quantity-changes")
  @Operation(summary = "Change a subscription's number of seats",
      description = "Microsoft deletes a change scheduled for the renewal when the seats change mid-term: when the "
          + "subscription has one (GET its customer's subscriptions: scheduledNextTerm), the answer names it as "
          + "keptNextTerm and cspflow schedules it again right after the change (scheduledChangeRestored). While "
          + "a change of the subscription runs (of its seats, at its renewal, or its cancellation), another is a 409 naming it: ask "
          + "again once it is done.")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<QuantityChange> change(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId,
      @Valid @RequestBody QuantityRequest request) {
    ApiCaller caller = access.actingFor(partnerId);
    subscriptions.find(subscriptionId).filter(s -> organizations.belongsTo(s.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No subscription " + subscriptionId + " of partner " + partnerId));
    String changeId = processes.start(QuantityChangeService.PROCESS_KEY,
        new ChangeQuantity(subscriptionId, request.quantity()), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/quantity-changes/"
        + changeId)).body(changes.find(changeId).orElseThrow());
  }

  @GetMapping("/quantity-changes/{changeId}")
  @Operation(summary = "A quantity change: In progress, Completed, or Refused with Microsoft's reason")
  public QuantityChange change(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String changeId) {
    access.readingFor(partnerId);
    return changes.find(changeId).filter(c -> organizations.belongsTo(c.organizationId(), partnerId))
        .map(c -> c.offeringScheduleAtRenewal(partnerId, subscriptions.find(c.subscriptionId())
            .map(Subscription::scheduledNextTerm).orElse(null)))
        .orElseThrow(() -> new NotFound("No quantity change " + changeId + " of partner " + partnerId));
  }
}
