package com.cspflow.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.CspflowSpringTest;
import com.cspflow.cancellation.SubscriptionCancellation.RenewalDecision;
import com.cspflow.cancellation.SubscriptionCancellation.Status;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.OrderLine;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cancelling a subscription, over the API and against the CSP sandbox over HTTP (issue 17): within Microsoft's
 * 7-day window it is cancelled and refunded, our record shows it cancelled from that day and the partner is told
 * once; later it is refused with the date it can end at, and the decision turns auto-renew off or keeps it.
 */
@CspflowSpringTest
class SubscriptionCancellationProcessTest {

  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";
  static final int EIGHT_DAYS = 8 * 24;

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired SubscriptionCancellationRepository cancellations;
  @Autowired SubscriptionCancellationService service;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired CspPort csp;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  SandboxAdmin sandbox;
  Customer customer;
  String subscriptionId;

  @BeforeEach
  void aCustomerWithAMonthlySubscriptionBoughtAnHourAgo() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    customer = fixtures.activeCustomer("Contoso Cancel AB");
    CspOrder order = csp.placeOrder(UUID.randomUUID().toString(), customer.tenantId(),
        List.of(new OrderLine(BUSINESS_STANDARD, 10, "P1M", "monthly")));
    sandbox.timeTravel(customer.tenantId(), 1);
    CspSubscription bought = csp.subscriptionsOfOrder(customer.tenantId(), order.orderId()).get(0);
    subscriptions.save(customer.organizationId(), bought, SubscriptionRepository.Origin.ORDERED, null,
        Instant.now());
    subscriptionId = bought.id();
  }

  @AfterEach
  void tearDown() {
    sandbox.clearFaults();
  }

  @Test
  void aSubscriptionCancelledWithinSevenDaysIsRefundedRecordedCancelledAndThePartnerToldOnce() {
    sandbox.timeTravel(customer.tenantId(), 6 * 24);
    ResponseEntity<JsonNode> accepted = post(null);
    assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    String cancellationId = accepted.getBody().path("id").asText();
    assertThat(accepted.getHeaders().getLocation()).hasToString(
        "/api/partners/" + customer.partnerId() + "/cancellations/" + cancellationId);
    assertThat(accepted.getBody().path("status").asText()).isEqualTo("IN_PROGRESS");
    ProcessInstance cancellation = instance(cancellationId);
    assertThat(cancellation).isWaitingAt("Task_CancelAtMicrosoft");

    execute(job(cancellation));
    assertThat(cancellation).isWaitingAt("Task_NotifyPartner");
    execute(job(cancellation));

    assertThat(cancellation).isEnded().hasPassed("Task_NotifyPartner", "EndEvent_SubscriptionCancelled");
    assertThat(cancellations.find(cancellationId).orElseThrow().status()).isEqualTo(Status.CANCELLED);
    Subscription ours = subscriptions.find(subscriptionId).orElseThrow();
    assertThat(ours.status()).isEqualTo("DELETED");
    assertThat(ours.cancelledAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
        Duration.ofMinutes(1)));
    CspSubscription atMicrosoft = csp.subscriptions(customer.tenantId()).get(0);
    assertThat(atMicrosoft.status()).isEqualTo(CspSubscription.Status.DELETED);
    assertThat(atMicrosoft.refundableQuantity()).as("all 10 seats refunded").isZero();
    assertThat(mailsSent(cancellationId)).isEqualTo(1);
    service.notifyPartner(cancellationId);
    assertThat(mailsSent(cancellationId)).as("a retried mail job does not send it again").isEqualTo(1);
    assertThat(callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/cancellations/"
        + cancellationId, JsonNode.class).path("status").asText()).isEqualTo("CANCELLED");
    assertConflict(post(null), "subscriptionId", "is already cancelled");
  }

  @Test
  void aLateCancellationIsRefusedWithTheDateItCanEndAtAndEndAtRenewalMakesItExpireThen() {
    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    Instant renewal = csp.subscriptions(customer.tenantId()).get(0).commitmentEndDate();
    ProcessInstance cancellation = start();
    execute(job(cancellation));

    assertThat(cancellation).hasPassed("Task_RecordRefusal").isWaitingAt("Task_DecideOnRefusedCancellation");
    SubscriptionCancellation refused = cancellations.find(cancellation.getBusinessKey()).orElseThrow();
    assertThat(refused.status()).isEqualTo(Status.REFUSED);
    assertThat(refused.canEndAt()).isEqualTo(renewal);
    assertThat(refused.refusalReason()).contains("800090", "it can end at its renewal on "
        + SubscriptionCancellationService.day(renewal));
    assertThat(cancellation).variables().containsEntry("canEndOn", SubscriptionCancellationService.day(renewal));
    assertThat(subscriptions.find(subscriptionId).orElseThrow().status()).isEqualTo("ACTIVE");

    complete(task(cancellation), withVariables("renewalDecision", RenewalDecision.END_AT_RENEWAL.name()));
    assertThat(cancellation).isWaitingAt("Task_TurnOffAutoRenew");
    execute(job(cancellation));

    assertThat(cancellation).isEnded().hasPassed("Task_TurnOffAutoRenew", "EndEvent_EndsAtRenewal");
    SubscriptionCancellation decided = cancellations.find(cancellation.getBusinessKey()).orElseThrow();
    assertThat(decided.status()).isEqualTo(Status.ENDS_AT_RENEWAL);
    assertThat(decided.renewalDecision()).isEqualTo(RenewalDecision.END_AT_RENEWAL);
    assertThat(subscriptions.find(subscriptionId).orElseThrow().autoRenewEnabled()).isFalse();
    assertThat(csp.subscriptions(customer.tenantId()).get(0).autoRenewEnabled()).isFalse();
    long instancesBefore = instances();
    assertConflict(post(null), "subscriptionId", "ends at its renewal on " + SubscriptionCancellationService.day(
        renewal) + " already (auto-renew is off) and can no longer be cancelled before");
    assertThat(instances()).as("a second cancellation opened another refusal to decide").isEqualTo(instancesBefore);
    sandbox.timeTravel(customer.tenantId(), hoursPast(renewal));
    assertThat(csp.subscriptions(customer.tenantId()).get(0).status()).as("ended at its renewal")
        .isEqualTo(CspSubscription.Status.EXPIRED);
  }

  @Test
  void aLateCancellationKeptLeavesTheSubscriptionToRenew() {
    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    Instant renewal = csp.subscriptions(customer.tenantId()).get(0).commitmentEndDate();
    ProcessInstance cancellation = start();
    execute(job(cancellation));
    assertThat(cancellation).isWaitingAt("Task_DecideOnRefusedCancellation");

    complete(task(cancellation), withVariables("renewalDecision", RenewalDecision.KEEP.name()));

    assertThat(cancellation).isEnded().hasPassed("Task_RecordKeep", "EndEvent_SubscriptionKept")
        .hasNotPassed("Task_TurnOffAutoRenew");
    SubscriptionCancellation kept = cancellations.find(cancellation.getBusinessKey()).orElseThrow();
    assertThat(kept.status()).isEqualTo(Status.REFUSED);
    assertThat(kept.renewalDecision()).isEqualTo(RenewalDecision.KEEP);
    assertThat(csp.subscriptions(customer.tenantId()).get(0).autoRenewEnabled()).isTrue();
    sandbox.timeTravel(customer.tenantId(), hoursPast(renewal));
    CspSubscription renewed = csp.subscriptions(customer.tenantId()).get(0);
    assertThat(renewed.status()).isEqualTo(CspSubscription.Status.ACTIVE);
    assertThat(renewed.effectiveStartDate()).as("renewed").isAfter(Instant.now().minus(Duration.ofDays(1)));
  }

  @Test
  void aCspOutageBecomesAnIncidentAndTheCancellationCompletesOnceAfterRecovery() {
    ProcessInstance cancellation = start();
    sandbox.failAlways("change-quantity");
    Job job = managementService.createJobQuery().processInstanceId(cancellation.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(cancellation.getId()).count()).isEqualTo(1);
    assertThat(cancellations.find(cancellation.getBusinessKey()).orElseThrow().status())
        .isEqualTo(Status.IN_PROGRESS);
    assertThat(csp.subscriptions(customer.tenantId()).get(0).status()).isEqualTo(CspSubscription.Status.ACTIVE);

    sandbox.clearFaults();
    managementService.setJobRetries(job.getId(), 1);
    execute(job(cancellation));
    execute(job(cancellation));

    assertThat(cancellation).isEnded().hasPassed("EndEvent_SubscriptionCancelled");
    assertThat(subscriptions.find(subscriptionId).orElseThrow().status()).isEqualTo("DELETED");
    assertThat(csp.cancelSubscription(cancellation.getBusinessKey(), customer.tenantId(), subscriptionId).status())
        .as("the cancellation's request id is Microsoft's one cancellation, replayed")
        .isEqualTo(CspSubscription.Status.DELETED);
    assertThat(cancellationsOfTheSubscription()).isEqualTo(1);
    assertThat(mailsSent(cancellation.getBusinessKey())).isEqualTo(1);
  }

  @Test
  void theSameIdempotencyKeyTwiceStartsOneCancellation() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<JsonNode> first = post(key);
    ResponseEntity<JsonNode> again = post(key);

    assertThat(first.getStatusCode().value()).isEqualTo(202);
    assertThat(again.getStatusCode().value()).isEqualTo(202);
    assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    assertThat(cancellationsOfTheSubscription()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(SubscriptionCancellationService.PROCESS_KEY)
        .processInstanceBusinessKey(first.getBody().path("id").asText()).count()).isEqualTo(1);
  }

  @Test
  void thePartnersSystemDecidesOnARefusedCancellationOverRestOnceAndOnlyWhenItWaitsForOne() {
    ProcessInstance inProgress = start();
    assertConflict(decide(inProgress.getBusinessKey(), Map.of("renewalDecision", "KEEP")), "renewalDecision",
        "cannot be decided yet: Microsoft has not answered the cancellation");
    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    execute(job(inProgress));
    assertThat(inProgress).isWaitingAt("Task_DecideOnRefusedCancellation");
    String cancellationId = inProgress.getBusinessKey();

    ResponseEntity<JsonNode> unknownChoice = decide(cancellationId, Map.of("renewalDecision", "DELETE_IT"));
    assertThat(unknownChoice.getStatusCode().value()).isEqualTo(400);
    assertThat(unknownChoice.getBody().path("problems").has("renewalDecision")).isTrue();
    ResponseEntity<JsonNode> none = decide(cancellationId, Map.of());
    assertThat(none.getStatusCode().value()).isEqualTo(400);
    assertThat(none.getBody().path("problems").has("renewalDecision")).isTrue();
    assertThat(callers.partner(fixtures.activePartner()).postForEntity("/api/partners/" + customer.partnerId()
        + "/cancellations/" + cancellationId + "/decision", Map.of("renewalDecision", "KEEP"), JsonNode.class)
        .getStatusCode().value()).as("another partner's system").isEqualTo(404);
    assertThat(inProgress).as("nothing decided by a refused request").isWaitingAt("Task_DecideOnRefusedCancellation");

    ResponseEntity<JsonNode> endAtRenewal = decide(cancellationId, Map.of("renewalDecision", "END_AT_RENEWAL"));
    assertThat(endAtRenewal.getStatusCode().value()).isEqualTo(202);
    assertThat(endAtRenewal.getHeaders().getLocation()).hasPath("/api/partners/" + customer.partnerId()
        + "/cancellations/" + cancellationId);
    assertThat(inProgress).isWaitingAt("Task_TurnOffAutoRenew");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(inProgress.getId())
        .taskDefinitionKey("Task_DecideOnRefusedCancellation").singleResult().getAssignee())
        .as("who decided, where Tasklist's decisions show")
        .isEqualTo("client:" + callers.partnerClient(customer.partnerId()));
    assertConflict(decide(cancellationId, Map.of("renewalDecision", "KEEP")), "renewalDecision",
        "cannot be decided now: the decision is being carried out");
    execute(job(inProgress));

    assertThat(inProgress).isEnded().hasPassed("EndEvent_EndsAtRenewal");
    assertThat(csp.subscriptions(customer.tenantId()).get(0).autoRenewEnabled()).isFalse();
    assertThat(callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/cancellations/"
        + cancellationId, JsonNode.class).path("status").asText()).isEqualTo("ENDS_AT_RENEWAL");
    assertConflict(decide(cancellationId, Map.of("renewalDecision", "KEEP")), "renewalDecision",
        "was decided already: the subscription ends at its renewal");
  }

  @Test
  void fourDecisionsAtTheSameMomentDecideOnceAndTheOthersAreToldItWasDecidedMeanwhile() throws Exception {
    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    ProcessInstance refused = start();
    execute(job(refused));
    assertThat(refused).isWaitingAt("Task_DecideOnRefusedCancellation");
    String cancellationId = refused.getBusinessKey();
    callers.token(callers.partnerClient(customer.partnerId()));

    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        RenewalDecision decision = i % 2 == 0 ? RenewalDecision.KEEP : RenewalDecision.END_AT_RENEWAL;
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return decide(cancellationId, Map.of("renewalDecision", decision.name()));
        }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<ResponseEntity<JsonNode>> done = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> answer : answers) {
        done.add(answer.get(60, TimeUnit.SECONDS));
      }

      assertThat(done).extracting(a -> a.getStatusCode().value()).as(done.toString())
          .containsOnly(202, 409).containsOnlyOnce(202);
      for (ResponseEntity<JsonNode> conflict : done.stream().filter(a -> a.getStatusCode().value() == 409)
          .toList()) {
        assertThat(conflict.getBody().path("problems").path("renewalDecision").asText()).as(conflict.toString())
            .isIn("was decided meanwhile", "was decided already: KEEP",
                "cannot be decided now: the decision is being carried out");
        assertThat(conflict.getBody().toString()).doesNotContainIgnoringCase("sql").doesNotContain("Exception")
            .doesNotContain("ACT_");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(refused.getId())
        .taskDefinitionKey("Task_DecideOnRefusedCancellation").finished().count()).isEqualTo(1);
  }

  @Test
  void aDecisionOverRestAndOneInTasklistAtTheSameMomentDecideOnceAndTheOtherIsAConflict() throws Exception {
    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    callers.token(callers.partnerClient(customer.partnerId()));
    WebappSession tasklist = WebappSession.signIn("http://localhost:" + port, "backoffice", "backoffice");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        ProcessInstance refused = start();
        execute(job(refused));
        assertThat(refused).isWaitingAt("Task_DecideOnRefusedCancellation");
        String taskId = engine.getTaskService().createTaskQuery().processInstanceId(refused.getId()).singleResult()
            .getId();
        CountDownLatch go = new CountDownLatch(1);
        Future<ResponseEntity<JsonNode>> overRest = pool.submit(() -> {
          go.await();
          return decide(refused.getBusinessKey(), Map.of("renewalDecision", "KEEP"));
        });
        Future<WebappSession.Answer> inTasklist = pool.submit(() -> {
          go.await();
          return tasklist.post("/task/" + taskId + "/complete",
              "{\"variables\": {\"renewalDecision\": {\"value\": \"KEEP\"}}}");
        });
        go.countDown();
        int rest = overRest.get(60, TimeUnit.SECONDS).getStatusCode().value();
        WebappSession.Answer person = inTasklist.get(60, TimeUnit.SECONDS);

        assertThat(List.of(rest, person.status())).as("round %d: %s", round, person.body())
            .containsAnyOf(202, 204).doesNotContain(500);
        assertThat(rest == 202 ^ person.status() == 204).as("round %d: one decides (%d, %d)", round, rest,
            person.status()).isTrue();
        if (rest != 202) {
          assertThat(rest).isEqualTo(409);
        } else {
          assertThat(person.status()).as(person.body()).isIn(404, 409);
          // Camunda's error format, which Tasklist reads: its type is an exception's simple name
          assertThat(person.body()).containsAnyOf("meanwhile", "at the same moment").doesNotContain("\tat ").doesNotContain("ACT_");
        }
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(refused.getId())
            .taskDefinitionKey("Task_DecideOnRefusedCancellation").finished().count()).isEqualTo(1);
        while (runtimeService.createProcessInstanceQuery().processInstanceId(refused.getId()).count() > 0) {
          execute(job(refused));
        }
        assertThat(refused).hasPassed("Task_DecideOnRefusedCancellation").isEnded();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCancellationAndAnotherChangeOfTheSubscriptionTakeTurns() {
    ResponseEntity<JsonNode> seats = changeSeats(11);
    assertThat(seats.getStatusCode().value()).as(seats.toString()).isEqualTo(202);
    assertConflict(post(null), "subscriptionId", "already has a quantity change in progress; try again when it is done");
    assertThat(cancellationsOfTheSubscription()).isZero();
    runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(seats.getBody().path("id").asText()).list()
        .forEach(change -> {
          while (runtimeService.createProcessInstanceQuery().processInstanceId(change.getId()).count() > 0) {
            execute(job(change));
          }
        });

    sandbox.timeTravel(customer.tenantId(), EIGHT_DAYS);
    ProcessInstance refused = start();
    execute(job(refused));
    assertThat(refused).as("waiting for the partner's decision").isWaitingAt("Task_DecideOnRefusedCancellation");
    ResponseEntity<JsonNode> meanwhile = changeSeats(12);
    assertConflict(meanwhile, "subscriptionId", "already has a cancellation in progress; try again when it is done");
  }

  private ResponseEntity<JsonNode> changeSeats(int quantity) {
    return callers.partner(customer.partnerId()).postForEntity("/api/partners/" + customer.partnerId()
        + "/subscriptions/" + subscriptionId + "/quantity-changes", Map.of("quantity", quantity), JsonNode.class);
  }

  private ResponseEntity<JsonNode> decide(String cancellationId, Map<String, ?> body) {
    return callers.partner(customer.partnerId()).postForEntity("/api/partners/" + customer.partnerId()
        + "/cancellations/" + cancellationId + "/decision", body, JsonNode.class);
  }

  @Test
  void badInputAndConflictsAreRefusedBeforeAnythingStarts() {
    long instancesBefore = instances();
    assertRefused(Map.of("subscriptionId", "nope"), "subscriptionId must be an id");
    assertRefused(Map.of("subscriptionId", UUID.randomUUID().toString()), "subscriptionId is not a known subscription");
    ResponseEntity<JsonNode> malformed = callers.portal().postForEntity("/api/partners/" + customer.partnerId()
        + "/subscriptions/not-an-id/cancellation", null, JsonNode.class);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(malformed.getBody().path("problems").has("subscriptionId")).isTrue();
    assertThat(callers.portal().postForEntity("/api/partners/" + customer.partnerId() + "/subscriptions/"
        + UUID.randomUUID() + "/cancellation", null, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    assertThat(callers.partner(fixtures.activePartner()).postForEntity("/api/partners/" + customer.partnerId()
        + "/subscriptions/" + subscriptionId + "/cancellation", null, JsonNode.class).getStatusCode().value())
        .as("another partner's system").isEqualTo(404);
    assertThat(instances()).isEqualTo(instancesBefore);
    assertThat(cancellationsOfTheSubscription()).isZero();

    ProcessInstance running = start();
    assertConflict(post(null), "subscriptionId", "already has a cancellation in progress; try again when it is done");
    assertThat(cancellationsOfTheSubscription()).isEqualTo(1);
    assertThat(instances()).isEqualTo(instancesBefore + 1);
    assertThat(running).isWaitingAt("Task_CancelAtMicrosoft");
  }

  private void assertConflict(ResponseEntity<JsonNode> answer, String field, String problem) {
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody().path("problems").path(field).asText()).isEqualTo(problem);
  }

  private void assertRefused(Map<String, Object> variables, String reason) {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SubscriptionCancellationService.PROCESS_KEY,
        variables)).isInstanceOf(RestException.class).hasMessageContaining(reason);
  }

  private ResponseEntity<JsonNode> post(String idempotencyKey) {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return callers.portal().postForEntity("/api/partners/" + customer.partnerId() + "/subscriptions/"
        + subscriptionId + "/cancellation", new org.springframework.http.HttpEntity<>(headers), JsonNode.class);
  }

  private ProcessInstance start() {
    return runtimeService.startProcessInstanceByKey(SubscriptionCancellationService.PROCESS_KEY,
        Map.of("subscriptionId", subscriptionId));
  }

  private ProcessInstance instance(String cancellationId) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(cancellationId).singleResult();
  }

  private long instances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(SubscriptionCancellationService.PROCESS_KEY).count();
  }

  private long cancellationsOfTheSubscription() {
    return jdbc.sql("SELECT COUNT(*) FROM subscription_cancellation WHERE subscription_id = :id")
        .param("id", subscriptionId).query(Long.class).single();
  }

  private long mailsSent(String cancellationId) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE mail_key = :key")
        .param("key", "subscription-cancelled:" + cancellationId).query(Long.class).single();
  }

  /** Hours of time travel that take the customer just past the instant. */
  private static int hoursPast(Instant instant) {
    return (int) Duration.between(Instant.now(), instant).toHours() + 2;
  }
}
