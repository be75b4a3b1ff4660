package com.cspflow.support;

import com.cspflow.onboarding.OnboardingService;
import com.cspflow.partnersetup.PartnerRepository;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Records a test starts from: an active partner and an onboarded organization with complete details. */
@Component
public class Fixtures {

  private final PartnerRepository partners;
  private final OnboardingService onboarding;

  public Fixtures(PartnerRepository partners, OnboardingService onboarding) {
    this.partners = partners;
    this.onboarding = onboarding;
  }

  public String activePartner() {
    String id = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    partners.savePending(id, "1234567", "Petra Partner", "petra@partner.example", Instant.now());
    partners.activate(id, "cspflow Sandbox Partner", Instant.now());
    return id;
  }

  /** An organization of a new active partner, ready for Microsoft 365; returns its id. */
  public String onboardedOrganization(String name) {
    Map<String, Object> details = Map.of(
        "contactFirstName", "Anna", "contactLastName", "Andersson", "contactEmail", "anna@customer.example",
        "contactPhone", "+46 8 123 456", "street", "Drottninggatan 1", "postalCode", "111 51",
        "city", "Stockholm", "country", "SE");
    return onboarding.register(activePartner(), name, details::get).organizationId();
  }

  /** A domain prefix nobody has used in this database yet. */
  public static String uniqueDomainPrefix(String stem) {
    return stem + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
