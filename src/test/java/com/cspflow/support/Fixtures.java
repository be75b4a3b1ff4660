package com.cspflow.support;

import com.cspflow.activation.ServiceRepository;
import com.cspflow.onboarding.OnboardingService;
import com.cspflow.partnersetup.PartnerRepository;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Records a test starts from: an active partner and an onboarded organization with complete details. */
@Component
public class Fixtures {

  private final PartnerRepository partners;
  private final OnboardingService onboarding;
  private final ServiceRepository services;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;

  public Fixtures(PartnerRepository partners, OnboardingService onboarding, ServiceRepository services,
      RuntimeService runtimeService, ManagementService managementService) {
    this.partners = partners;
    this.onboarding = onboarding;
    this.services = services;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
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

  /** An organization with Microsoft 365 active on a new tenant, through the real activation process. */
  public Customer activeCustomer(String name) {
    String organizationId = onboardedOrganization(name);
    String activation = runtimeService.startProcessInstanceByKey("serviceActivation", Map.of(
        "organizationId", organizationId, "mode", "NEW_TENANT", "domainPrefix", uniqueDomainPrefix("customer"),
        "agreementConfirmed", true, "confirmedBy", "fixture")).getId();
    runJobs(activation);
    return new Customer(organizationId, services.find(organizationId).orElseThrow().tenantId());
  }

  /** Executes the instance's jobs, due or not, until it waits for a person or ends. */
  public void runJobs(String processInstanceId) {
    for (int round = 0; round < 50; round++) {
      var jobs = managementService.createJobQuery().processInstanceId(processInstanceId).list();
      if (jobs.isEmpty()) {
        return;
      }
      managementService.executeJob(jobs.get(0).getId());
    }
    throw new IllegalStateException("Process instance " + processInstanceId + " still has jobs after 50 rounds");
  }

  public record Customer(String organizationId, String tenantId) {}

  /** A domain prefix nobody has used in this database yet. */
  public static String uniqueDomainPrefix(String stem) {
    return stem + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
