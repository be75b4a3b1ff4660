package com.cspflow.activation;

import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
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

/** An organization as we keep it, with its Microsoft 365 service; and "Add the service to a customer". */
@RestController
@RequestMapping("/api/partners/{partnerId}/organizations/{organizationId}")
@Tag(name = "Organizations")
public class OrganizationApi {

  private final OrganizationRepository organizations;
  private final ServiceRepository services;
  private final CustomerRelationshipRepository relationships;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public OrganizationApi(OrganizationRepository organizations, ServiceRepository services,
      CustomerRelationshipRepository relationships, PartnerAccess access, ProcessStarter processes) {
    this.organizations = organizations;
    this.services = services;
    this.relationships = relationships;
    this.access = access;
    this.processes = processes;
  }

  @GetMapping
  @Operation(summary = "An organization with its Microsoft 365 service (status, domain, tenant, admin user name) and, "
      + "for a migration, the reseller and admin access (GDAP) relationships")
  public OrganizationView organization(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId) {
    access.readingFor(partnerId);
    return view(organizationOf(partnerId, organizationId));
  }

  /**
   * 202: the service is requested (a new tenant is created, or the customer is invited to accept us); follow it on
   * the organization. 400 naming the field, 409 when the organization has or is getting Microsoft 365. Honours
   * Idempotency-Key.
   */
  @PostMapping("/microsoft365")
  @Operation(summary = "Add Microsoft 365 to the organization")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<OrganizationView> addMicrosoft365(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
      @Valid @RequestBody Microsoft365Request request) {
    ApiCaller caller = access.actingFor(partnerId);
    Organization organization = organizationOf(partnerId, organizationId);
    processes.start(ActivationService.PROCESS_KEY, request.forOrganization(organizationId), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/organizations/"
        + organizationId)).body(view(organization));
  }

  private OrganizationView view(Organization organization) {
    return new OrganizationView(organization, services.find(organization.id()).orElse(null),
        relationships.find(organization.id()).orElse(null));
  }

  private Organization organizationOf(String partnerId, String organizationId) {
    return organizations.find(organizationId).filter(o -> o.partnerId().equals(partnerId))
        .orElseThrow(() -> new NotFound("No organization " + organizationId + " of partner " + partnerId));
  }

  /**
   * The organization and, when there is one, its Microsoft 365 service and, for a migration, the customer's reseller
   * and GDAP relationships with the partner; nothing secret is in any.
   */
  public record OrganizationView(Organization organization, M365Service microsoft365,
      CustomerRelationships relationships) {}
}
