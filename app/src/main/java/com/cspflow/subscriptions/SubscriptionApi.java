package com.cspflow.subscriptions;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.http.ResponseEntity;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import io.swagger.v3.oas.annotations.Parameter;
import com.cspflow.platform.api.Paging;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's subscriptions as we keep them (ordered here, migrated, or found at Microsoft by the monthly update). */
@RestController
@Tag(name = "Subscriptions")
public class SubscriptionApi {

  private final SubscriptionRepository subscriptions;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;

  public SubscriptionApi(SubscriptionRepository subscriptions, OrganizationDirectory organizations,
      PartnerAccess access) {
    this.subscriptions = subscriptions;
    this.organizations = organizations;
    this.access = access;
  }

  @GetMapping("/api/partners/{partnerId}/organizations/{organizationId}/subscriptions")
  @Operation(summary = "A customer's subscriptions: product, seats, status, term, renewal date; a page of them with "
      + "page and size")
  public ResponseEntity<List<Subscription>> subscriptions(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
      @Parameter(description = Paging.PAGE_HINT) @RequestParam(required = false) @Min(0) @Max(Paging.MAX_PAGE)
      Integer page,
      @Parameter(description = Paging.SIZE_HINT) @RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE)
      Integer size) {
    access.readingFor(partnerId);
    if (!organizations.belongsTo(organizationId, partnerId)) {
      throw new NotFound("No organization " + organizationId + " of partner " + partnerId);
    }
    return Paging.of(Paging.of(page, size),
        subscriptions.ofOrganizations(List.of(organizationId)).getOrDefault(organizationId, List.of()));
  }

  /**
   * One subscription, by the id its changes are made under ({@code …/subscriptions/{subscriptionId}/quantity-changes}
   * and the others): 404 for an id that is not one of the partner's customers'.
   */
  @GetMapping("/api/partners/{partnerId}/subscriptions/{subscriptionId}")
  @Operation(summary = "One subscription: its customer, product, seats, status, term, renewal date")
  public Subscription subscription(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId) {
    access.readingFor(partnerId);
    return subscriptions.find(subscriptionId)
        .filter(subscription -> organizations.belongsTo(subscription.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No subscription " + subscriptionId + " of partner " + partnerId));
  }
}
