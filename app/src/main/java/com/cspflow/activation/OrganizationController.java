package com.cspflow.activation;

import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What Camunda's API does not have: an organization as we keep it, with its Microsoft 365 service. */
@RestController
public class OrganizationController {

  private final OrganizationRepository organizations;
  private final ServiceRepository services;

  public OrganizationController(OrganizationRepository organizations, ServiceRepository services) {
    this.organizations = organizations;
    this.services = services;
  }

  @GetMapping("/api/organizations/{id}")
  public OrganizationView organization(@PathVariable String id) {
    Organization organization = organizations.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No organization " + id));
    return new OrganizationView(organization, services.find(id).orElse(null));
  }

  /** The service, when there is one, without anything secret (there is nothing secret in it). */
  public record OrganizationView(Organization organization, M365Service microsoft365) {}
}
