package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.WebhookRegistration;
import com.cspflow.monthlyupdate.MonthlyUpdateService.Preview;
import com.cspflow.monthlyupdate.Reconciliation.BillingLine;
import com.cspflow.monthlyupdate.Reconciliation.Customer;
import com.cspflow.monthlyupdate.Reconciliation.Drift;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incremental monthly update against the sandbox: after a complete run, six customers of one partner; one
 * changes nothing, the others change in each way there is (a seat count in Microsoft's portal, a subscription removed
 * there, a renewal date passed, an order through cspflow, a suspension by Microsoft itself, which only the webhook
 * tells). The incremental run reads the five from Microsoft and bills the quiet one from our records, and its billing
 * material and drift report are what a full sweep of the same moment gives. Other tests' customers share the
 * database, so assertions look at these six.
 */
@CspflowSpringTest
class IncrementalMonthlyUpdateTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String EXCHANGE_PLAN_1 = "CFQ7TTC0LH16:0001:CFQ7TTC09F3D";
  static final String PROCESS = "monthlyQuantityUpdate";
  static final String PERIOD = "2026-12";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired MonthlyUpdateService monthlyUpdate;
  @Autowired ChangedCustomers changedCustomers;
  @Autowired BillingRunRepository runs;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired com.cspflow.activation.ServiceRepository services;
  @Autowired CspPort csp;
  @LocalServerPort int port;
  SandboxAdmin sandbox;
  String partnerId;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    sandbox.clearFaults();
    partnerId = fixtures.activePartner();
  }

  @AfterEach
  void clearFaults() {
    sandbox.clearFaults();
  }

  @Test
  void anIncrementalRunReadsOnlyTheChangedCustomersAndBillsWhatAFullSweepWould() {
    Customer quiet = customer("Quiet AB", monthlyTerm(BUSINESS_BASIC, 5));
    Customer portal = customer("Portal AB", monthlyTerm(BUSINESS_BASIC, 3));
    Customer removed = customer("Removed AB", monthlyTerm(BUSINESS_BASIC, 2), monthlyTerm(EXCHANGE_PLAN_1, 4));
    Customer renewing = customer("Renewing AB", monthlyTerm(EXCHANGE_PLAN_1, 6));
    Customer ordering = customer("Ordering AB", monthlyTerm(BUSINESS_BASIC, 1));
    Customer suspended = customer("Suspended AB", monthlyTerm(EXCHANGE_PLAN_1, 3));
    List<Customer> customers = List.of(quiet, portal, removed, renewing, ordering, suspended);
    WebhookRegistration webhook = new WebhookRegistration("http://127.0.0.1:" + port + "/api/partner-center/events",
        List.of("subscription-updated"));
    csp.registerWebhook(webhook, csp.webhookRegistration().isPresent());
    ProcessInstance baseline = run(Map.of("period", PERIOD, "fullSweep", true));
    RunSummary full = summaryOf(baseline);
    assertThat(full.sweep()).isEqualTo("FULL");
    assertThat(full.customersRead()).isEqualTo(full.customers());

    sandbox.changeAtMicrosoft(portal.tenantId(), subscriptionOf(portal, BUSINESS_BASIC), 9, null);
    sandbox.removeAtMicrosoft(removed.tenantId(), subscriptionOf(removed, EXCHANGE_PLAN_1));
    fixtures.timePasses(asFixture(renewing), 24 * 25);
    order(ordering, EXCHANGE_PLAN_1, 2);
    sandbox.changedByMicrosoft(suspended.tenantId(), subscriptionOf(suspended, EXCHANGE_PLAN_1), "suspended");
    awaitEventOf(suspended);

    Set<String> changed = changedCustomers.since(full.startedAt().minus(MonthlyUpdateService.CLOCK_SLACK),
        Instant.now());
    assertThat(customers.stream().map(Customer::organizationId).filter(changed::contains))
        .containsExactlyInAnyOrder(portal.organizationId(), removed.organizationId(), renewing.organizationId(),
            ordering.organizationId(), suspended.organizationId());
    Set<String> unchanged = customers.stream().map(Customer::organizationId).filter(id -> !changed.contains(id))
        .collect(Collectors.toSet());
    Preview sweep = monthlyUpdate.preview(customers, Set.of());
    Preview incremental = monthlyUpdate.preview(customers, unchanged);
    assertThat(new HashSet<>(incremental.lines())).as("the suspended subscription is not billed")
        .isEqualTo(new HashSet<>(sweep.lines())).hasSize(6);
    assertThat(new HashSet<>(incremental.drifts())).isEqualTo(new HashSet<>(sweep.drifts()));
    assertThat(sweep.drifts().stream().map(d -> d.organizationId() + " " + d.kind()).toList())
        .containsExactlyInAnyOrder(portal.organizationId() + " QUANTITY", removed.organizationId() + " DISAPPEARED",
            renewing.organizationId() + " RENEWED", suspended.organizationId() + " STATUS");

    ProcessInstance rerun = run(Map.of("period", PERIOD));
    RunSummary summary = summaryOf(rerun);
    assertThat(summary.sweep()).as("the default, with a complete run behind it").isEqualTo("INCREMENTAL");
    assertThat(summary.changesSince()).isEqualTo(full.startedAt().minus(MonthlyUpdateService.CLOCK_SLACK));
    assertThat(summary.customersRead()).isLessThan(summary.customers());
    assertThat(readFrom(summary.runId(), customers)).containsEntry(quiet.organizationId(), "RECORDS")
        .containsEntry(portal.organizationId(), "MICROSOFT").containsEntry(removed.organizationId(), "MICROSOFT")
        .containsEntry(renewing.organizationId(), "MICROSOFT").containsEntry(ordering.organizationId(), "MICROSOFT")
        .containsEntry(suspended.organizationId(), "MICROSOFT");
    assertThat(linesOf(summary.runId(), customers)).as("the billing material of the full sweep")
        .isEqualTo(sweep.lines().stream().map(IncrementalMonthlyUpdateTest::line).collect(Collectors.toSet()));
    assertThat(driftOf(summary.runId(), customers)).as("its drift report")
        .isEqualTo(sweep.drifts().stream().map(IncrementalMonthlyUpdateTest::drift).collect(Collectors.toSet()));
  }

  @Test
  void aRunAskedForAsAFullSweepReadsEveryCustomer() {
    Customer customer = customer("Sweep AB", monthlyTerm(BUSINESS_BASIC, 2));
    run(Map.of("period", PERIOD));

    RunSummary summary = summaryOf(run(Map.of("period", PERIOD, "fullSweep", true)));

    assertThat(summary.sweep()).isEqualTo("FULL");
    assertThat(summary.changesSince()).isNull();
    assertThat(summary.customersRead()).isEqualTo(summary.customers());
    assertThat(readFrom(summary.runId(), List.of(customer))).containsEntry(customer.organizationId(), "MICROSOFT");
  }

  /** Microsoft posts its event a moment after the change (the sandbox, after it commits). */
  private void awaitEventOf(Customer customer) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (jdbc.sql("SELECT COUNT(*) FROM partner_center_event WHERE tenant_id = :tenant")
        .param("tenant", customer.tenantId()).query(Integer.class).single() == 0) {
      assertThat(System.nanoTime()).as("the webhook event of %s arrived", customer.tenantId()).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private ProcessInstance run(Map<String, Object> variables) {
    ProcessInstance run = runtimeService.startProcessInstanceByKey(PROCESS, variables);
    fixtures.runJobs(run.getId());
    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    return run;
  }

  private RunSummary summaryOf(ProcessInstance run) {
    String runId = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName("runId").singleResult().getValue();
    return runs.run(runId).orElseThrow();
  }

  private Map<String, String> readFrom(String runId, List<Customer> customers) {
    return jdbc.sql("SELECT organization_id, read_from FROM billing_run_customer WHERE run_id = :runId "
            + "AND organization_id IN (:ids)")
        .param("runId", runId).param("ids", customers.stream().map(Customer::organizationId).toList())
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Set<String> linesOf(String runId, List<Customer> customers) {
    return jdbc.sql("SELECT * FROM billing_line WHERE run_id = :runId AND organization_id IN (:ids)")
        .param("runId", runId).param("ids", customers.stream().map(Customer::organizationId).toList())
        .query((rs, row) -> String.join(" ", rs.getString("organization_id"), rs.getString("subscription_id"),
            rs.getString("catalog_item_id"), String.valueOf(rs.getInt("quantity")),
            rs.getBigDecimal("unit_price").stripTrailingZeros().toPlainString(),
            rs.getBigDecimal("amount").stripTrailingZeros().toPlainString(), rs.getString("term_duration"),
            rs.getString("billing_cycle"), rs.getBigDecimal("cost_amount").stripTrailingZeros().toPlainString()))
        .set();
  }

  private static String line(BillingLine line) {
    return String.join(" ", line.organizationId(), line.subscriptionId(), line.catalogItemId(),
        String.valueOf(line.quantity()), line.unitPrice().stripTrailingZeros().toPlainString(),
        line.amount().stripTrailingZeros().toPlainString(), line.termDuration(), line.billingCycle(),
        line.costAmount().stripTrailingZeros().toPlainString());
  }

  private Set<String> driftOf(String runId, List<Customer> customers) {
    return jdbc.sql("SELECT * FROM quantity_drift WHERE run_id = :runId AND organization_id IN (:ids)")
        .param("runId", runId).param("ids", customers.stream().map(Customer::organizationId).toList())
        .query((rs, row) -> String.join(" ", rs.getString("organization_id"), rs.getString("subscription_id"),
            rs.getString("kind"), String.valueOf(rs.getObject("our_quantity")),
            String.valueOf(rs.getObject("csp_quantity"))))
        .set();
  }

  private static String drift(Drift drift) {
    return String.join(" ", drift.organizationId(), drift.subscriptionId(), drift.kind().name(),
        String.valueOf(drift.ourQuantity()), String.valueOf(drift.cspQuantity()));
  }

  /** An order through cspflow, fulfilled: our record and Microsoft's gain the subscription. */
  private void order(Customer customer, String catalogItemId, int seats) {
    services.recordAgreement(customer.organizationId(), "backoffice", "anna@example.com", Instant.now());
    ProcessInstance order = runtimeService.startProcessInstanceByKey("subscriptionOrder", Map.of(
        "organizationId", customer.organizationId(), "category", "Corporate", "productGroup", "Exchange Online",
        "catalogItemId", catalogItemId, "quantity", seats, "termDuration", "P1M", "billingCycle", "monthly"));
    execute(job(order));
    fixtures.timePasses(asFixture(customer), 2);
    fixtures.runJobs(order.getId());
    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
  }

  @SafeVarargs
  private Customer customer(String name, Map<String, Object>... bought) {
    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("incremental"), name, List.of(bought));
    var migrated = fixtures.migratedCustomer(partnerId, name, tenant);
    return new Customer(migrated.organizationId(), partnerId, tenant);
  }

  private static Fixtures.Customer asFixture(Customer customer) {
    return new Fixtures.Customer(customer.organizationId(), customer.tenantId(), customer.partnerId());
  }

  private String subscriptionOf(Customer customer, String catalogItemId) {
    return subscriptions.ofOrganizations(List.of(customer.organizationId())).get(customer.organizationId()).stream()
        .filter(s -> s.catalogItemId().equals(catalogItemId)).findFirst().orElseThrow().id();
  }

  private static Map<String, Object> monthlyTerm(String catalogItemId, int quantity) {
    return Map.of("catalogItemId", catalogItemId, "quantity", quantity, "termDuration", "P1M",
        "billingCycle", "monthly", "purchasedDaysAgo", 10,
        "createdDaysAgo", SandboxAdmin.LONG_STANDING_DAYS);
  }
}
