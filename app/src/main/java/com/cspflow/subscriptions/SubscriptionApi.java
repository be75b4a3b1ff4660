package com.cspflow.subscriptions;

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
  @Operation(summary = "A customer's subscriptions: product, seats, status, term, renewal date")
  public List<Subscription> subscriptions(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId) {
    access.readingFor(partnerId);
    if (!organizations.belongsTo(organizationId, partnerId)) {
      throw new NotFound("No organization " + organizationId + " of partner " + partnerId);
    }
    return subscriptions.ofOrganizations(List.of(organizationId)).getOrDefault(organizationId, List.of());
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
