package com.cspflow.support;

import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.OrderLine;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.onboarding.NewOrganization;
import com.cspflow.onboarding.OnboardingService;
import com.cspflow.partnersetup.PartnerRepository;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records a test starts from: an active partner and an onboarded organization with complete details. */
@Component
public class Fixtures {

  private final PartnerRepository partners;
  private final OnboardingService onboarding;
  private final ServiceRepository services;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final CspPort csp;
  private final SubscriptionRepository subscriptions;
  private final JdbcClient jdbc;

  public Fixtures(PartnerRepository partners, OnboardingService onboarding, ServiceRepository services,
      RuntimeService runtimeService, ManagementService managementService, CspPort csp,
      SubscriptionRepository subscriptions, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.csp = csp;
    this.subscriptions = subscriptions;
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
    return onboardedOrganization(activePartner(), name);
  }

  /** An organization of the partner with complete details; returns its id. */
  public String onboardedOrganization(String partnerId, String name) {
    return onboarding.register(new NewOrganization(partnerId, name, "Anna", "Andersson", "anna@customer.example",
        "+46 8 123 456", "Drottninggatan 1", "111 51", "Stockholm", "SE")).organizationId();
  }

  /** An organization with Microsoft 365 active on a new tenant, through the real activation process. */
  public Customer activeCustomer(String name) {
    return activeCustomer(name, activePartner());
  }

  /** An organization of {@code partnerId} with Microsoft 365 active on a new tenant. */
  public Customer activeCustomer(String name, String partnerId) {
    String organizationId = onboardedOrganization(partnerId, name);
    String activation = runtimeService.startProcessInstanceByKey("serviceActivation", Map.of(
        "organizationId", organizationId, "mode", "NEW_TENANT", "domainPrefix", uniqueDomainPrefix("customer"),
        "agreementConfirmed", true, "confirmedBy", "fixture")).getId();
    runJobs(activation);
    return new Customer(organizationId, services.find(organizationId).orElseThrow().tenantId(), partnerId);
  }

  /**
   * A subscription the customer bought at Microsoft ({@code seats} of {@code catalogItemId}, a year billed monthly),
   * provisioned there and recorded as ordered; returns its id.
   */
  public String orderedSubscription(Customer customer, String catalogItemId, int seats) {
    CspOrder order = csp.placeOrder(UUID.randomUUID().toString(), customer.tenantId(),
        List.of(new OrderLine(catalogItemId, seats, "P1Y", "monthly")));
    new SandboxAdmin().timeTravel(customer.tenantId(), 1);
    csp.getOrder(customer.tenantId(), order.orderId());
    CspSubscription bought = csp.subscriptions(customer.tenantId()).stream()
        .filter(subscription -> order.orderId().equals(subscription.orderId())).findFirst().orElseThrow();
    subscriptions.save(customer.organizationId(), bought, SubscriptionRepository.Origin.ORDERED, null,
        Instant.now());
    return bought.id();
  }

  /**
   * A customer of {@code partnerId} that migrated to cspflow with its subscriptions at Microsoft (as the sandbox
   * admin seeded them) recorded as ours.
   */
  public Customer migratedCustomer(String partnerId, String name, String tenantId) {
    String organizationId = onboardedOrganization(partnerId, name);
    Instant now = Instant.now();
    services.saveRequested(organizationId, M365Service.Mode.MIGRATE, tenantId + ".example", now);
    services.recordTenant(organizationId, tenantId, "admin@" + tenantId + ".example");
    services.activate(organizationId, now);
    csp.subscriptions(tenantId).forEach(s -> subscriptions.save(organizationId, s,
        SubscriptionRepository.Origin.MIGRATED, null, now));
    return new Customer(organizationId, tenantId, partnerId);
  }

  /**
   * {@code hours} pass for the customer at Microsoft and in our records alike: the sandbox's time travel moves
   * Microsoft's dates into the past (the terms that end meanwhile renew or expire there), and our records' dates of
   * its subscriptions move back as much, as if cspflow's clock had moved on.
   */
  public void timePasses(Customer customer, int hours) {
    new SandboxAdmin().timeTravel(customer.tenantId(), hours);
    Duration back = Duration.ofHours(hours);
    for (Subscription s : subscriptions.ofOrganizations(List.of(customer.organizationId()))
        .getOrDefault(customer.organizationId(), List.of())) {
      jdbc.sql("""
          UPDATE subscription SET start_date = :start, commitment_end_date = :end,
            cancellation_allowed_until = :cancellableUntil WHERE id = :id""")
          .param("start", earlier(s.startDate(), back), Types.TIMESTAMP)
          .param("end", earlier(s.commitmentEndDate(), back), Types.TIMESTAMP)
          .param("cancellableUntil", earlier(s.cancellationAllowedUntil(), back), Types.TIMESTAMP)
          .param("id", s.id()).update();
    }
    // Our charge lines moved with the customer's time, as Microsoft's are in the sandbox.
    for (var line : jdbc.sql("SELECT id, starts_at, ends_at FROM charge_line WHERE organization_id = :id")
        .param("id", customer.organizationId())
        .query((rs, row) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(),
            rs.getTimestamp(3).toInstant()}).list()) {
      jdbc.sql("UPDATE charge_line SET starts_at = :start, ends_at = :end WHERE id = :id")
          .param("start", earlier((Instant) line[1], back), Types.TIMESTAMP)
          .param("end", earlier((Instant) line[2], back), Types.TIMESTAMP).param("id", line[0]).update();
    }
  }

  private static Timestamp earlier(Instant instant, Duration back) {
    return instant == null ? null : Timestamp.from(instant.minus(back));
  }

  /** Executes the instance's jobs, due or not, until it waits for a person or ends. */
  public void runJobs(String processInstanceId) {
    for (int round = 0; round < 500; round++) {
      var next = managementService.createJobQuery().processInstanceId(processInstanceId).list().stream()
          .min(SOONEST_DUE);
      if (next.isEmpty()) {
        return;
      }
      managementService.executeJob(next.get().getId());
    }
    throw new IllegalStateException("Process instance " + processInstanceId + " still has jobs after 500 rounds");
  }

  /**
   * Continuations first, then timers in the order they fall due: a wait's next check comes before the limit on its
   * border, as it would on the engine's clock.
   */
  private static final Comparator<Job> SOONEST_DUE = Comparator.comparing(Job::getDuedate,
      Comparator.nullsFirst(Comparator.naturalOrder()));

  public record Customer(String organizationId, String tenantId, String partnerId) {}

  /** A domain prefix nobody has used in this database yet. */
  public static String uniqueDomainPrefix(String stem) {
    return stem + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
