package com.cspflow.onboarding;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What other features may ask about organizations: whose they are. The onboarding package owns their table. */
@Component
public class OrganizationDirectory {

  private final OrganizationRepository organizations;

  public OrganizationDirectory(OrganizationRepository organizations) {
    this.organizations = organizations;
  }

  /** Whether the organization exists and is a customer of this partner. */
  public boolean belongsTo(String organizationId, String partnerId) {
    return partnerOf(organizationId).filter(partnerId::equals).isPresent();
  }

  public Optional<String> partnerOf(String organizationId) {
    return organizationId == null ? Optional.empty() : organizations.find(organizationId).map(Organization::partnerId);
  }
}
