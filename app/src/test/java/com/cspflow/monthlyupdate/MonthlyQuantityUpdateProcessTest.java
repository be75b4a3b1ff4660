package com.cspflow.monthlyupdate;

import static com.cspflow.support.SandboxAdmin.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.csp.CspSubscription;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.pricing.Margin;
import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import com.cspflow.pricing.MarginRepository;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.renewals.RenewalFollowUp;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly update on the real sandbox: four customers of one partner whose subscriptions were changed in
 * Microsoft's portal behind our back. Other tests' customers share the database, so assertions look at this
 * partner's customers only.
 */
@CspflowSpringTest
class MonthlyQuantityUpdateProcessTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";
  static final String E3 = "CFQ7TTC0LFLZ:0001:CFQ7TTC086A7";
  static final String PROCESS = "monthlyQuantityUpdate";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired BillingRunRepository runs;
  @Autowired CspPort csp;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired MarginRepository margins;
  @Autowired RenewalFollowUp renewalFollowUp;
  @Value("${cspflow.time-zone}") String timeZone;
  SandboxAdmin sandbox;

  String partnerId;
  Customer changedQuantity;
  Customer suspended;
  Customer cancelledAtMicrosoft;
  Customer boughtInMicrosoftsPortal;
  String subscriptionOf12Seats;
  String suspendedSubscription;
  String removedSubscription;
  String discoveredSubscription;

  @BeforeEach
  void fourCustomersChangedAtMicrosoft() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    sandbox.clearFaults();
    partnerId = fixtures.activePartner();

    changedQuantity = customer("Contoso AB", subscription(BUSINESS_STANDARD, 10), monthlyTerm(E3, 5));
    subscriptionOf12Seats = subscriptionOf(changedQuantity, BUSINESS_STANDARD).id();
    sandbox.changeAtMicrosoft(changedQuantity.tenantId(), subscriptionOf12Seats, 12, null);

    suspended = customer("Fabrikam AB", subscription(BUSINESS_BASIC, 3));
    suspendedSubscription = subscriptionOf(suspended, BUSINESS_BASIC).id();
    sandbox.changeAtMicrosoft(suspended.tenantId(), suspendedSubscription, null, "suspended");

    cancelledAtMicrosoft = customer("Northwind AB", subscription(BUSINESS_BASIC, 7));
    removedSubscription = subscriptionOf(cancelledAtMicrosoft, BUSINESS_BASIC).id();
    sandbox.removeAtMicrosoft(cancelledAtMicrosoft.tenantId(), removedSubscription);

    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("tailspin"), "Tailspin AB", List.of());
    boughtInMicrosoftsPortal = fixtures.migratedCustomer(partnerId, "Tailspin AB", tenant);
    String anotherTenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("tailspin"), "Tailspin Two",
        List.of(subscription(BUSINESS_BASIC, 4)));
    // The same subscription now shows up under the customer we know: Microsoft lists it, we never recorded it.
    discoveredSubscription = csp.subscriptions(anotherTenant).get(0).id();
    jdbc.sql("UPDATE m365_service SET tenant_id = :other WHERE organization_id = :id")
        .param("other", anotherTenant).param("id", boughtInMicrosoftsPortal.organizationId()).update();
    boughtInMicrosoftsPortal = new Customer(boughtInMicrosoftsPortal.organizationId(), anotherTenant, partnerId);
  }

  @AfterEach
  void clearFaults() {
    sandbox.clearFaults();
  }

  @Test
  void requestedRunBringsOurRecordsInLineAndWritesTheBillingLines() {
    ProcessInstance run = request("2026-01");
    assertThat(run).isWaitingAt("Task_UpdateChunk");
    int chunks = (Integer) runtimeService.getVariable(run.getId(), "chunkCount");
    assertThat(chunks).as("more chunks than the two parallel streams of the test settings").isGreaterThan(2);
    assertThat(runtimeService.getVariable(run.getId(), "parallelChunks")).isEqualTo(2);
    assertThat(chunkJobs(run)).as("one job per stream, the stream's first chunk").hasSize(2);

    // Each stream's chunks one after another, a job each: every chunk once, until the streams are done.
    String runId = (String) runtimeService.getVariable(run.getId(), "runId");
    int chunkJobsRun = 0;
    while (!chunkJobs(run).isEmpty()) {
      assertThat(chunkJobs(run)).hasSizeLessThanOrEqualTo(2);
      managementService.executeJob(chunkJobs(run).get(0).getId());
      chunkJobsRun++;
    }
    assertThat(chunkJobsRun).isEqualTo(chunks);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND outcome = 'PENDING'")
        .param("runId", runId).query(Integer.class).single()).as("every customer updated").isZero();

    fixtures.runJobs(run.getId());

    assertThat(run).isEnded().hasPassed("Task_CountFailedCustomers", "Task_CloseRun")
        .hasNotPassed("Task_RetryFailedCustomers").hasPassed("EndEvent_BillingMaterialReady");
    assertThat(subscriptions.find(subscriptionOf12Seats).orElseThrow().quantity()).isEqualTo(12);
    assertThat(subscriptions.find(suspendedSubscription).orElseThrow().status()).isEqualTo("SUSPENDED");
    assertThat(subscriptions.find(removedSubscription).orElseThrow().status()).isEqualTo("DISAPPEARED");
    assertThat(subscriptions.find(discoveredSubscription)).isPresent();

    List<BillingLineView> lines = lines("2026-01");
    assertThat(lines).extracting(BillingLineView::subscriptionId, BillingLineView::quantity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(subscriptionOf12Seats, 12),
            org.assertj.core.groups.Tuple.tuple(subscriptionOf(changedQuantity, E3).id(), 5),
            org.assertj.core.groups.Tuple.tuple(discoveredSubscription, 4));
    BillingLineView twelveSeats = lines.stream().filter(l -> l.subscriptionId().equals(subscriptionOf12Seats))
        .findFirst().orElseThrow();
    assertThat(twelveSeats.unitPrice()).as("an annual term billed monthly: 11.70 + 5 %").isEqualByComparingTo("12.29");
    assertThat(twelveSeats.amount()).isEqualByComparingTo("147.48");
    assertThat(twelveSeats.currency()).isEqualTo("EUR");
    assertThat(twelveSeats.product()).isEqualTo("Microsoft 365 Business Standard");
    BillingLineView monthlyE3 = lines.stream().filter(l -> "P1M".equals(l.termDuration())).findFirst().orElseThrow();
    assertThat(monthlyE3.unitPrice()).as("a monthly term costs 20 % more").isEqualByComparingTo("40.44");
    assertThat(monthlyE3.amount()).isEqualByComparingTo("202.20");

    assertThat(historicVariable(run, "runId")).isEqualTo(runId);
    assertThat(runs.drift(runId)).filteredOn(d -> ours(d.organizationId()))
        .extracting(DriftView::subscriptionId, DriftView::kind, DriftView::ourQuantity, DriftView::cspQuantity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(subscriptionOf12Seats, "QUANTITY", 10, 12),
            org.assertj.core.groups.Tuple.tuple(suspendedSubscription, "STATUS", 3, 3),
            org.assertj.core.groups.Tuple.tuple(removedSubscription, "DISAPPEARED", 7, null),
            org.assertj.core.groups.Tuple.tuple(discoveredSubscription, "NEW_AT_CSP", null, 4));
    RunSummary summary = runs.run(runId).orElseThrow();
    assertThat(summary.status()).isEqualTo("COMPLETED");
    assertThat(summary.failedCustomers()).isZero();
    assertThat(summary.customers()).isGreaterThanOrEqualTo(4);
    assertThat(summary.totals()).startsWith("EUR ");
    assertThat((String) historicVariable(run, "summary")).startsWith("2026-01: ").contains("customers failed");
  }

  @Test
  void theRunKeepsWhatMicrosoftReportsAboutTheRenewals() {
    String monthly = subscriptionOf(changedQuantity, E3).id();
    assertThat(subscriptions.find(monthly).orElseThrow().autoRenewEnabled()).isTrue();
    csp.setAutoRenew(UUID.randomUUID().toString(), changedQuantity.tenantId(), monthly, false);
    csp.scheduleNextTerm(UUID.randomUUID().toString(), changedQuantity.tenantId(), subscriptionOf12Seats,
        new NextTermInstructions(BUSINESS_STANDARD, 9, "P1Y", "annual"));

    fixtures.runJobs(request("2026-01").getId());

    assertThat(subscriptions.find(monthly).orElseThrow().autoRenewEnabled()).isFalse();
    Subscription scheduled = subscriptions.find(subscriptionOf12Seats).orElseThrow();
    assertThat(scheduled.scheduledNextTerm()).isEqualTo(new Subscription.NextTerm(BUSINESS_STANDARD, 9, "P1Y",
        "annual"));
    assertThat(scheduled.autoRenewEnabled()).isTrue();
    assertThat(scheduled.cancellationAllowedUntil()).isBefore(Instant.now());
  }

  @Test
  void theRunFollowsWhatMicrosoftRenewedOrLetExpireAndBillsItAsMicrosoftNowHasIt() {
    Customer renewals = customer("Renewing AB", aboutToRenew(BUSINESS_BASIC, 12), aboutToRenew(BUSINESS_BASIC, 5));
    String renewing = subscriptionWith(renewals, 12).id();
    String ending = subscriptionWith(renewals, 5).id();
    csp.scheduleNextTerm(UUID.randomUUID().toString(), renewals.tenantId(), renewing,
        new NextTermInstructions(BUSINESS_STANDARD, 8, "P1Y", "annual"));
    csp.setAutoRenew(UUID.randomUUID().toString(), renewals.tenantId(), ending, false);
    Instant renewalDate = subscriptions.find(renewing).orElseThrow().commitmentEndDate();
    fixtures.timePasses(renewals, 21 * 24);
    String renewalDay = LocalDate.ofInstant(renewalDate.minus(Duration.ofHours(21 * 24)), ZoneId.of(timeZone))
        .toString();

    ProcessInstance run = request("2025-12");
    fixtures.runJobs(run.getId());

    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    String runId = (String) historicVariable(run, "runId");
    List<DriftView> drift = runs.drift(runId).stream()
        .filter(d -> d.organizationId().equals(renewals.organizationId())).toList();
    assertThat(drift).extracting(DriftView::subscriptionId, DriftView::kind, DriftView::ourQuantity,
            DriftView::cspQuantity, DriftView::cspStatus)
        .as("a renewal, not quantity drift; an expiry, not status drift").containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(renewing, "RENEWED", 12, 8, "ACTIVE"),
            org.assertj.core.groups.Tuple.tuple(ending, "EXPIRED", 5, 5, "EXPIRED"));
    assertThat(drift).filteredOn(d -> d.kind().equals("RENEWED")).singleElement().extracting(DriftView::detail)
        .asString().startsWith("renewed " + renewalDay + ": Microsoft 365 Business Basic → Microsoft 365 Business "
            + "Standard, 12 → 8 seats, billed monthly → annual, until ");
    assertThat(drift).filteredOn(d -> d.kind().equals("EXPIRED")).singleElement().extracting(DriftView::detail)
        .asString().isEqualTo("expired " + renewalDay + " (auto-renew off): 5 seats");
    assertThat(drift).as("found by this run").extracting(DriftView::foundBy).containsOnly("MONTHLY_UPDATE");
    assertThat(drift).extracting(DriftView::foundAt).doesNotContainNull();

    List<BillingLineView> billed = lines("2025-12").stream()
        .filter(l -> l.organizationId().equals(renewals.organizationId())).toList();
    assertThat(billed).as("the expired subscription is not billed after its end").singleElement().satisfies(line -> {
      assertThat(line.subscriptionId()).isEqualTo(renewing);
      assertThat(line.catalogItemId()).isEqualTo(BUSINESS_STANDARD);
      assertThat(line.product()).isEqualTo("Microsoft 365 Business Standard");
      assertThat(line.quantity()).isEqualTo(8);
      assertThat(line.billingCycle()).isEqualTo("annual");
      assertThat(line.unitPrice()).as("renewed billed annually: the base price").isEqualByComparingTo("11.70");
      assertThat(line.amount()).isEqualByComparingTo("93.60");
    });

    CspSubscription atMicrosoft = csp.subscriptions(renewals.tenantId()).stream()
        .filter(s -> s.id().equals(renewing)).findFirst().orElseThrow();
    Subscription renewed = subscriptions.find(renewing).orElseThrow();
    assertThat(renewed.catalogItemId()).isEqualTo(BUSINESS_STANDARD);
    assertThat(renewed.offerName()).isEqualTo("Microsoft 365 Business Standard");
    assertThat(renewed.quantity()).isEqualTo(8);
    assertThat(renewed.termDuration()).isEqualTo("P1Y");
    assertThat(renewed.billingCycle()).isEqualTo("annual");
    assertThat(renewed.startDate()).isEqualTo(atMicrosoft.effectiveStartDate());
    assertThat(renewed.commitmentEndDate()).isEqualTo(atMicrosoft.commitmentEndDate()).isAfter(Instant.now());
    assertThat(renewed.scheduledNextTerm()).isNull();
    assertThat(subscriptions.find(ending).orElseThrow().status()).isEqualTo("EXPIRED");

    List<Subscription> followed = subscriptions.ofOrganizations(List.of(renewals.organizationId()))
        .get(renewals.organizationId());
    ProcessInstance rerun = request("2025-12");
    fixtures.runJobs(rerun.getId());
    assertThat(runs.drift((String) historicVariable(rerun, "runId")))
        .filteredOn(d -> d.organizationId().equals(renewals.organizationId())).as("a rerun finds nothing more")
        .isEmpty();
    assertThat(subscriptions.ofOrganizations(List.of(renewals.organizationId())).get(renewals.organizationId()))
        .containsExactlyInAnyOrderElementsOf(followed);
    assertThat(lines("2025-12")).filteredOn(l -> l.organizationId().equals(renewals.organizationId()))
        .isEqualTo(billed);
  }

  @Test
  void renewalsTheDailyCheckFollowedAreListedByTheNextDriftReportAsFoundByIt() {
    Customer renewals = customer("Renewed Daily AB", aboutToRenew(BUSINESS_BASIC, 12), aboutToRenew(BUSINESS_BASIC, 5));
    String renewing = subscriptionWith(renewals, 12).id();
    String ending = subscriptionWith(renewals, 5).id();
    csp.scheduleNextTerm(UUID.randomUUID().toString(), renewals.tenantId(), renewing,
        new NextTermInstructions(BUSINESS_BASIC, 8, "P1Y", "monthly"));
    csp.setAutoRenew(UUID.randomUUID().toString(), renewals.tenantId(), ending, false);
    fixtures.timePasses(renewals, 21 * 24);
    Instant beforeTheCheck = Instant.now();

    renewalFollowUp.followDue();
    assertThat(subscriptions.find(renewing).orElseThrow().quantity()).as("followed by the daily check").isEqualTo(8);

    ProcessInstance run = request("2026-01");
    fixtures.runJobs(run.getId());
    List<DriftView> drift = driftOf(run, renewals);
    assertThat(drift).extracting(DriftView::subscriptionId, DriftView::kind, DriftView::ourQuantity,
            DriftView::cspQuantity, DriftView::cspStatus, DriftView::foundBy)
        .as("the run saw nothing left to follow, and lists what the daily check followed").containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(renewing, "RENEWED", 12, 8, "ACTIVE", "DAILY_CHECK"),
            org.assertj.core.groups.Tuple.tuple(ending, "EXPIRED", 5, 5, "EXPIRED", "DAILY_CHECK"));
    assertThat(drift).allSatisfy(d -> {
      assertThat(d.foundAt()).isAfterOrEqualTo(beforeTheCheck.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
          .isBefore(Instant.now());
      assertThat(d.detail()).startsWith(d.kind().equals("RENEWED") ? "renewed " : "expired ");
    });

    ProcessInstance rerun = request("2026-01");
    fixtures.runJobs(rerun.getId());
    assertThat(driftOf(rerun, renewals)).as("a rerun of the period lists them again").hasSize(2);
    ProcessInstance nextMonth = request("2026-02");
    fixtures.runJobs(nextMonth.getId());
    assertThat(driftOf(nextMonth, renewals)).as("the next period's report does not").isEmpty();
  }

  private List<DriftView> driftOf(ProcessInstance run, Customer customer) {
    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    return runs.drift((String) historicVariable(run, "runId")).stream()
        .filter(d -> d.organizationId().equals(customer.organizationId())).toList();
  }

  @Test
  void aRerunReplacesThePeriodsLinesWithIdenticalOnes() {
    fixtures.runJobs(request("2026-02").getId());
    List<BillingLineView> first = lines("2026-02");

    fixtures.runJobs(request("2026-02").getId());

    assertThat(lines("2026-02")).isEqualTo(first).hasSize(3);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_line WHERE period = '2026-02' AND partner_id = :partner")
        .param("partner", partnerId).query(Integer.class).single()).as("the first run's lines are gone").isEqualTo(3);
  }

  @Test
  void aRerunOfAPastPeriodDoesNotBillWhatWasBoughtSince() {
    Customer grown = customer("Litware AB", subscription(BUSINESS_BASIC, 2), Map.of("catalogItemId", E3,
        "quantity", 6, "termDuration", "P1M", "billingCycle", "monthly", "purchasedDaysAgo", 10));
    Subscription longStanding = subscriptionOf(grown, BUSINESS_BASIC);
    Subscription boughtSince = subscriptionOf(grown, E3);
    assertThat(boughtSince.purchasedAt()).as("Microsoft's creation date is recorded")
        .isBetween(Instant.now().minus(Duration.ofDays(11)), Instant.now().minus(Duration.ofDays(9)));
    jdbc.sql("UPDATE subscription SET purchased_at = NULL WHERE id = :id").param("id", longStanding.id()).update();

    fixtures.runJobs(request("2025-10").getId());

    assertThat(lines("2025-10")).filteredOn(l -> l.organizationId().equals(grown.organizationId()))
        .extracting(BillingLineView::subscriptionId).as("the subscription bought 10 days ago is not billed for 2025-10")
        .containsExactly(longStanding.id());
    assertThat(subscriptions.find(longStanding.id()).orElseThrow().purchasedAt())
        .as("a record kept before its creation date was, learns it from the run").isNotNull()
        .isBefore(Instant.now().minus(Duration.ofDays(SandboxAdmin.LONG_STANDING_DAYS - 1)));
  }

  @Test
  void onlyOneRunOfAPeriodIsOpenAtATime() throws Exception {
    ProcessInstance open = request("2026-03");
    assertThatThrownBy(() -> request("2026-03")).isInstanceOf(ConflictingProcessInput.class)
        .hasMessageContaining("period").hasMessageContaining("still open");
    fixtures.runJobs(open.getId());

    var pool = Executors.newFixedThreadPool(2);
    try {
      Callable<String> start = () -> {
        try {
          return request("2026-04").getId();
        } catch (ConflictingProcessInput refused) {
          return null;
        }
      };
      List<Future<String>> both = List.of(pool.submit(start), pool.submit(start));
      List<String> started = new ArrayList<>();
      for (Future<String> attempt : both) {
        String id = attempt.get();
        if (id != null) {
          started.add(id);
        }
      }
      assertThat(started).as("two starts at the same moment: one run").hasSize(1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_run WHERE period = '2026-04'").query(Integer.class)
          .single()).isEqualTo(1);
      fixtures.runJobs(started.get(0));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void badInputOverRestIsRefusedNamingTheFieldAndNothingStarts() {
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    var answer = http.withBasicAuth("backoffice", "backoffice").exchange("/api/billing/runs", HttpMethod.POST,
        json(Map.of("period", "2026-13", "cspRequestsPerSecond", -1)), Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, Object>) answer.getBody().get("problems")).containsOnlyKeys("period", "cspRequestsPerSecond");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(instances);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_run WHERE period = '2026-13'").query(Integer.class).single())
        .isZero();
  }

  @Test
  void aSecondRunOfAnOpenPeriodOverRestIsA409WhoseDetailReadsAsASentence() {
    ProcessInstance open = request("2025-11");
    try {
      var answer = http.withBasicAuth("backoffice", "backoffice").exchange("/api/billing/runs", HttpMethod.POST,
          json(Map.of("period", "2025-11")), Map.class);

      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      assertThat((Map<String, Object>) answer.getBody().get("problems")).containsOnlyKeys("period")
          .containsEntry("period", "2025-11 already has a run that is still open (process instance "
              + open.getId() + ")");
      assertThat((String) answer.getBody().get("detail")).isEqualTo("period 2025-11 already has a run that is still "
          + "open (process instance " + open.getId() + ")");
    } finally {
      fixtures.runJobs(open.getId());
    }
  }

  @Test
  void customersMicrosoftDidNotAnswerForAreRetriedAndRecover() {
    sandbox.failAlways("list-subscriptions");
    ProcessInstance run = request("2026-05");
    chunkJobs(run).forEach(job -> managementService.executeJob(job.getId()));
    completeChunks(run);

    assertThat(run).isWaitingAt("TimerEvent_WaitBeforeRetry");
    assertThat((Integer) runtimeService.getVariable(run.getId(), "failedCustomers")).isGreaterThanOrEqualTo(4);
    assertThat(lines("2026-05")).isEmpty();

    sandbox.clearFaults();
    fixtures.runJobs(run.getId());

    assertThat(run).isEnded().hasPassed("Task_RetryFailedCustomers", "EndEvent_BillingMaterialReady");
    assertThat(lines("2026-05")).hasSize(3);
    assertThat(runs.run((String) historicVariable(run, "runId")).orElseThrow().failedCustomers()).isZero();
  }

  @Test
  void customersStillFailingAfterTheRetriesGoToTheBackOfficeAndAreCounted() {
    sandbox.failAlways("list-subscriptions");
    ProcessInstance run = request("2026-06");
    fixtures.runJobs(run.getId());

    assertThat(run).isWaitingAt("Task_ReviewFailedCustomers");
    assertThat(task(run)).hasCandidateGroup("backoffice");
    assertThat((Integer) runtimeService.getVariable(run.getId(), "retryRound")).isEqualTo(2);
    String runId = (String) runtimeService.getVariable(run.getId(), "runId");
    assertThat(runs.failures(runId)).filteredOn(f -> ours(f.organizationId())).hasSize(4)
        .allSatisfy(f -> assertThat(f.failure()).contains("HTTP 500"));

    complete(task(run), withVariables("reviewDecision", "CLOSE"));

    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    RunSummary summary = runs.run(runId).orElseThrow();
    assertThat(summary.failedCustomers()).as("every customer the run read").isEqualTo(summary.customersRead());
    assertThat(lines("2026-06")).isEmpty();
  }

  @Test
  void theBackOfficeCanRetryOnceMicrosoftAnswersAgain() {
    sandbox.failAlways("list-subscriptions");
    ProcessInstance run = request("2026-07");
    fixtures.runJobs(run.getId());
    assertThat(run).isWaitingAt("Task_ReviewFailedCustomers");

    sandbox.clearFaults();
    complete(task(run), withVariables("reviewDecision", "RETRY"));
    fixtures.runJobs(run.getId());

    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    assertThat(lines("2026-07")).hasSize(3);
  }

  @Test
  void aChunkCutOffByACrashIsRedoneFromTheStartWithoutDuplicates() {
    ProcessInstance run = request("2026-08");
    String runId = (String) runtimeService.getVariable(run.getId(), "runId");
    Job first = chunkJobs(run).get(0);

    // The node dies after the chunk did its work but before its transaction committed.
    transaction.executeWithoutResult(status -> {
      managementService.executeJob(first.getId());
      assertThat(customersDone(runId)).as("written inside the transaction").isPositive();
      status.setRollbackOnly();
    });

    assertThat(customersDone(runId)).as("nothing of the cut-off chunk survived").isZero();
    assertThat(managementService.createJobQuery().jobId(first.getId()).count()).as("its job is still there")
        .isEqualTo(1);
    fixtures.runJobs(run.getId());

    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    assertThat(lines("2026-08")).hasSize(3);
    assertThat(linesOfRun(runId)).isEqualTo(runs.run(runId).orElseThrow().billingLines());
  }

  @Test
  void theRunKeepsItsCallsUnderMicrosoftsRateLimit() {
    sandbox.rateLimit("list-subscriptions", 20);
    ProcessInstance paced = runtimeService.startProcessInstanceByKey(PROCESS,
        Map.of("period", "2026-09", "cspRequestsPerSecond", 18));
    long started = System.nanoTime();
    fixtures.runJobs(paced.getId());
    double seconds = (System.nanoTime() - started) / 1e9;

    Map<String, Number> calls = sandbox.faultStats().get("list-subscriptions");
    int customers = runs.run((String) historicVariable(paced, "runId")).orElseThrow().customersRead();
    assertThat(calls.get("calls").intValue()).as("one per customer read").isEqualTo(customers);
    assertThat(calls.get("throttled").intValue()).as("paced calls are never throttled").isZero();
    assertThat(seconds).as("18 calls per second at most").isGreaterThanOrEqualTo((customers - 1) / 18.0);
  }

  @Test
  void anUnpacedRunThatIsThrottledWaitsAsMicrosoftSaysAndMissesNoCustomer() {
    sandbox.rateLimit("list-subscriptions", 10);
    ProcessInstance unpaced = request("2026-10");
    fixtures.runJobs(unpaced.getId());

    assertThat(unpaced).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    assertThat(sandbox.faultStats().get("list-subscriptions").get("throttled").intValue()).isPositive();
    assertThat(lines("2026-10")).hasSize(3);
  }

  @Test
  void theTimerFiresOnThe25thInTheConfiguredZoneAndRunsTheCurrentMonth() {
    Job timer = managementService.createJobQuery().processDefinitionKey("monthlyUpdateSchedule").timers()
        .singleResult();
    ZoneId zone = ZoneId.of(timeZone);
    ZonedDateTime now = ZonedDateTime.now(zone);
    ZonedDateTime next = now.withDayOfMonth(25).toLocalDate().atTime(3, 0).atZone(zone);
    if (!next.isAfter(now)) {
      next = next.plusMonths(1);
    }
    assertThat(timer.getDuedate().toInstant()).isEqualTo(next.toInstant());
    assertThat(LocalDateTime.ofInstant(timer.getDuedate().toInstant(), zone).getDayOfMonth()).isEqualTo(25);

    // As on the 25th itself: the next timer is then due a month later.
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
    try {
      managementService.executeJob(timer.getId());
    } finally {
      ClockUtil.reset();
    }

    ProcessInstance scheduled = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(YearMonth.now(zone).toString()).active().list().stream()
        .filter(p -> "SCHEDULE".equals(runtimeService.getVariable(p.getId(), "trigger"))).findFirst().orElseThrow();
    fixtures.runJobs(scheduled.getId());
    assertThat(scheduled).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    assertThat(lines(YearMonth.now(zone).toString())).hasSize(3);
    Job nextTimer = managementService.createJobQuery().processDefinitionKey("monthlyUpdateSchedule").timers()
        .singleResult();
    assertThat(nextTimer.getDuedate().toInstant()).isEqualTo(next.plusMonths(1).toInstant());
  }

  @Test
  void theScheduledRunEndsAtOnceWhileARunOfTheMonthIsStillOpen() {
    String month = YearMonth.now(ZoneId.of(timeZone)).toString();
    ProcessInstance requested = request(month);
    int runsOfTheMonth = jdbc.sql("SELECT COUNT(*) FROM billing_run WHERE period = :period").param("period", month)
        .query(Integer.class).single();

    // As the schedule's "Start the month's quantity update" starts it on the 25th
    ProcessInstance scheduled = runtimeService.startProcessInstanceByKey(PROCESS, Map.of("trigger", "SCHEDULE"));

    assertThat(scheduled).isEnded().hasPassed("EndEvent_RunAlreadyOpen").hasNotPassed("Task_UpdateChunk");
    assertThat(historicVariable(scheduled, "runOpened")).isEqualTo(false);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_run WHERE period = :period").param("period", month)
        .query(Integer.class).single()).as("no second run of the month").isEqualTo(runsOfTheMonth);
    assertThat(runs.openRun(month)).as("the requested run still holds the month")
        .hasValueSatisfying(open -> assertThat(open.processInstanceId()).isEqualTo(requested.getId()));

    fixtures.runJobs(requested.getId());
    assertThat(requested).isEnded().hasPassed("EndEvent_BillingMaterialReady");
    assertThat(runs.openRun(month)).isEmpty();
  }

  @Test
  void billingLinesArePublishedPerPartnerAsJsonAndCsv() {
    fixtures.runJobs(request("2026-11").getId());
    var backoffice = http.withBasicAuth("backoffice", "backoffice");

    var json = backoffice.getForEntity("/api/partners/" + partnerId + "/billing/2026-11/lines", List.class);
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.getBody()).hasSize(3);

    HttpHeaders csvAccept = new HttpHeaders();
    csvAccept.set(HttpHeaders.ACCEPT, "text/csv");
    var csv = backoffice.exchange("/api/partners/" + partnerId + "/billing/2026-11/lines", HttpMethod.GET,
        new HttpEntity<>(csvAccept), String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getBody().lines()).hasSize(4).first().asString()
        .startsWith("period,partnerId,organizationId,subscriptionId,catalogItemId,product,quantity,unitPrice,amount");
    assertThat(csv.getBody()).contains(subscriptionOf12Seats).contains(BUSINESS_STANDARD)
        .contains("\"Microsoft 365 Business Standard\",12,12.29,147.48,EUR,P1Y,monthly");

    var period = backoffice.getForEntity("/api/billing/2026-11", Map.class);
    assertThat(period.getBody().get("billingRun")).isNotEqualTo("");
    assertThat(backoffice.getForEntity("/api/billing/2026-1x", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(backoffice.getForEntity("/api/billing/1999-01", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/billing/2026-11", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private ProcessInstance request(String period) {
    return runtimeService.startProcessInstanceByKey(PROCESS, Map.of("period", period));
  }

  private Customer customer(String name, Map<String, Object>... bought) {
    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("monthly"), name, List.of(bought));
    return fixtures.migratedCustomer(partnerId, name, tenant);
  }

  private static Map<String, Object> monthlyTerm(String catalogItemId, int quantity) {
    return Map.of("catalogItemId", catalogItemId, "quantity", quantity, "termDuration", "P1M",
        "billingCycle", "monthly", "purchasedDaysAgo", 10,
        "createdDaysAgo", SandboxAdmin.LONG_STANDING_DAYS);
  }

  /** A year's term bought 345 days ago: it renews (or ends) in about 20 days. */
  private static Map<String, Object> aboutToRenew(String catalogItemId, int quantity) {
    return Map.of("catalogItemId", catalogItemId, "quantity", quantity, "termDuration", "P1Y",
        "billingCycle", "monthly", "purchasedDaysAgo", 345,
        "createdDaysAgo", SandboxAdmin.LONG_STANDING_DAYS);
  }

  private Subscription subscriptionWith(Customer customer, int quantity) {
    return subscriptions.ofOrganizations(List.of(customer.organizationId())).get(customer.organizationId()).stream()
        .filter(s -> s.quantity() == quantity).findFirst().orElseThrow();
  }

  private Subscription subscriptionOf(Customer customer, String catalogItemId) {
    return subscriptions.ofOrganizations(List.of(customer.organizationId())).get(customer.organizationId()).stream()
        .filter(s -> s.catalogItemId().equals(catalogItemId)).findFirst().orElseThrow();
  }

  private boolean ours(String organizationId) {
    return List.of(changedQuantity, suspended, cancelledAtMicrosoft, boughtInMicrosoftsPortal).stream()
        .anyMatch(c -> c.organizationId().equals(organizationId));
  }

  @Test
  void everyLineCarriesThePartnersPriceAndMicrosoftsWithTheMarginBetween() {
    // Microsoft 365 products 15 % above Microsoft's price, and E3 on a fixed 2.50 per seat and month.
    margins.set(partnerId, new Margin(AppliesTo.PRODUCT_GROUP, "Microsoft 365", Kind.PERCENT, new BigDecimal("15"),
        null, "backoffice", Instant.now()));
    margins.set(partnerId, new Margin(AppliesTo.PRODUCT, E3, Kind.FIXED, new BigDecimal("2.50"), "EUR",
        "backoffice", Instant.now()));
    ProcessInstance run = request("2026-03");
    fixtures.runJobs(run.getId());
    assertThat(run).isEnded().hasPassed("EndEvent_BillingMaterialReady");

    List<BillingLineView> lines = lines("2026-03");
    BillingLineView twelveSeats = lines.stream().filter(l -> l.subscriptionId().equals(subscriptionOf12Seats))
        .findFirst().orElseThrow();
    assertThat(twelveSeats.costUnitPrice()).as("an annual term billed monthly: 11.70 + 5 %").isEqualByComparingTo("12.29");
    assertThat(twelveSeats.costAmount()).isEqualByComparingTo("147.48");
    assertThat(twelveSeats.unitPrice()).as("12.29 + 15 % = 14.1335, rounded half up once").isEqualByComparingTo("14.13");
    assertThat(twelveSeats.amount()).isEqualByComparingTo("169.56");
    assertThat(twelveSeats.marginAmount()).isEqualByComparingTo("22.08");
    BillingLineView monthlyE3 = lines.stream().filter(l -> "P1M".equals(l.termDuration())).findFirst().orElseThrow();
    assertThat(monthlyE3.costUnitPrice()).isEqualByComparingTo("40.44");
    assertThat(monthlyE3.unitPrice()).as("the product's own margin wins over its group's").isEqualByComparingTo("42.94");
    assertThat(monthlyE3.amount()).isEqualByComparingTo("214.70");

    ResponseEntity<String> csv = http.withBasicAuth("backoffice", "backoffice").exchange(
        "/api/partners/" + partnerId + "/billing/2026-03/lines", HttpMethod.GET,
        new HttpEntity<>(csvAccept()), String.class);
    assertThat(csv.getBody().lines().findFirst().orElseThrow())
        .endsWith(",unitPrice,amount,currency,termDuration,billingCycle,costUnitPrice,costAmount,marginAmount");
  }

  private static HttpHeaders csvAccept() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
    return headers;
  }

  private List<BillingLineView> lines(String period) {
    return runs.latestCompleted(period).map(run -> runs.lines(run.runId(), partnerId)).orElse(List.of());
  }

  private int linesOfRun(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM billing_line WHERE run_id = :runId").param("runId", runId)
        .query(Integer.class).single();
  }

  private int customersDone(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND outcome <> 'PENDING'")
        .param("runId", runId).query(Integer.class).single();
  }

  private List<Job> chunkJobs(ProcessInstance run) {
    return managementService.createJobQuery().processInstanceId(run.getId()).activityId("Task_UpdateChunk").list();
  }

  /** Runs the streams' chunk jobs and the jobs that end the streams, until the run has left them. */
  private void completeChunks(ProcessInstance run) {
    List<Job> left;
    while (!(left = streamJobs(run)).isEmpty()) {
      managementService.executeJob(left.get(0).getId());
    }
  }

  private List<Job> streamJobs(ProcessInstance run) {
    List<Job> jobs = new java.util.ArrayList<>(chunkJobs(run));
    jobs.addAll(managementService.createJobQuery().processInstanceId(run.getId())
        .activityId("SubProcess_UpdateCustomers").list());
    return jobs;
  }

  private Object historicVariable(ProcessInstance run, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName(name).singleResult().getValue();
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
    return new HttpEntity<>(body, headers);
  }
}
