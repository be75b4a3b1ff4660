package com.cspflow.nextterm;

import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import com.cspflow.subscriptions.SubscriptionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** Changing what a customer's subscription does at its renewal, and following the change. */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Subscriptions")
public class RenewalChangeApi {

  private final RenewalChangeRepository changes;
  private final SubscriptionRepository subscriptions;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public RenewalChangeApi(RenewalChangeRepository changes, SubscriptionRepository subscriptions,
      OrganizationDirectory organizations, PartnerAccess access, ProcessStarter processes) {
    this.changes = changes;
    this.subscriptions = subscriptions;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
  }

  /**
   * The next term's fields are flat, as the Tasklist form and the process take them, so that a refusal names the
   * same field whichever way the change came in.
   */
  @Schema(description = "What changes at the renewal: autoRenew, and/or the next term; a next-term field left out "
      + "keeps today's value. At least one field.")
  public record RenewalChangeRequest(
      @Schema(description = "false: the subscription expires at its renewal", example = "true") Boolean autoRenew,
      @Pattern(regexp = Patterns.CATALOG_ITEM, message = Patterns.CATALOG_ITEM_HINT)
      @Schema(description = "The next term's product", example = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9")
      String catalogItemId,
      @Min(1) @Max(Patterns.MAX_SEATS) @Schema(description = "The next term's seats", example = "5") Integer quantity,
      @Pattern(regexp = Patterns.TERM, message = Patterns.TERM_HINT)
      @Schema(description = "The next term's length", example = "P1M") String termDuration,
      @Pattern(regexp = Patterns.BILLING_CYCLE, message = Patterns.BILLING_CYCLE_HINT)
      @Schema(description = "The next term's billing plan", example = "monthly") String billingCycle) {}

  /**
   * 202 with the change (In progress) and its Location. 400 naming the field when nothing is to change or the catalog
   * does not offer the next term; 409 naming subscriptionId when the subscription is not active or has a change
   * running (at its renewal, of its seats, or its cancellation). Honours Idempotency-Key.
   */
  @PostMapping("/subscriptions/{subscriptionId}/renewal-changes")
  @Operation(summary = "Change a subscription at its renewal: auto-renew, product, seats, term or billing plan")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<RenewalChange> change(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId,
      @Valid @RequestBody RenewalChangeRequest request) {
    ApiCaller caller = access.actingFor(partnerId);
    subscriptions.find(subscriptionId).filter(s -> organizations.belongsTo(s.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No subscription " + subscriptionId + " of partner " + partnerId));
    ChangeAtRenewal.AutoRenew autoRenew = request.autoRenew() == null ? null
        : request.autoRenew() ? ChangeAtRenewal.AutoRenew.ON : ChangeAtRenewal.AutoRenew.OFF;
    String changeId = processes.start(RenewalChangeService.PROCESS_KEY, new ChangeAtRenewal(subscriptionId,
        autoRenew, request.catalogItemId(), request.quantity(), request.termDuration(), request.billingCycle()),
        caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/renewal-changes/"
        + changeId)).body(changes.find(changeId).orElseThrow());
  }

  @GetMapping("/renewal-changes/{renewalChangeId}")
  @Operation(summary = "A renewal change: In progress, or Completed once Microsoft has it")
  public RenewalChange change(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String renewalChangeId) {
    access.readingFor(partnerId);
    return changes.find(renewalChangeId).filter(c -> organizations.belongsTo(c.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No renewal change " + renewalChangeId + " of partner " + partnerId));
  }
}
