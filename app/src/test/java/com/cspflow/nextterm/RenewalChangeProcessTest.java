package com.cspflow.nextterm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.csp.OrderLine;
import com.cspflow.quantitychange.QuantityChange;
import com.cspflow.quantitychange.QuantityChangeRepository;
import com.cspflow.subscriptions.Subscription.NextTerm;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Changes at renewal, over the API and Tasklist's start and against the CSP sandbox over HTTP (issue 17): a next term
 * scheduled is what the subscription renews as, auto-renew off makes it expire, a refused late decrease is scheduled
 * for the renewal in one step, and a mid-term seat change, after which Microsoft forgets the scheduled next term,
 * puts it back.
 */
@CspflowSpringTest
class RenewalChangeProcessTest {

  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";
  static final NextTerm YEARLY_SEVEN = new NextTerm(BUSINESS_STANDARD, 7, "P1Y", "annual");
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired RenewalChangeRepository renewalChanges;
  @Autowired QuantityChangeRepository quantityChanges;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired CspPort csp;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired JdbcClient jdbc;
  SandboxAdmin sandbox;
  Customer customer;
  String subscriptionId;

  @BeforeEach
  void aCustomerWithTenMonthlySeatsBoughtAnHourAgo() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    customer = fixtures.activeCustomer("Contoso Renewal AB");
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
  void aNextTermScheduledOverTheApiIsWhatTheSubscriptionRenewsAs() {
    ResponseEntity<JsonNode> accepted = post(Map.of("quantity", 7, "termDuration", "P1Y", "billingCycle", "annual"),
        null);
    assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    String changeId = accepted.getBody().path("id").asText();
    assertThat(accepted.getHeaders().getLocation()).hasToString(
        "/api/partners/" + customer.partnerId() + "/renewal-changes/" + changeId);
    assertThat(accepted.getBody().path("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(accepted.getBody().path("nextTerm").path("catalogItemId").asText())
        .as("a product left out is today's").isEqualTo(BUSINESS_STANDARD);
    ProcessInstance change = instance(changeId);
    assertThat(change).isWaitingAt("Task_ChangeAtMicrosoft");

    execute(job(change));
    assertThat(change).isWaitingAt("Task_NotifyPartner");
    execute(job(change));

    assertThat(change).isEnded().hasPassed("Task_ChangeAtMicrosoft", "Task_NotifyPartner", "EndEvent_RenewalChanged");
    assertThat(renewalChanges.find(changeId).orElseThrow().status()).isEqualTo(RenewalChange.Status.COMPLETED);
    assertThat(subscriptions.find(subscriptionId).orElseThrow().scheduledNextTerm()).isEqualTo(YEARLY_SEVEN);
    assertThat(atMicrosoft().scheduledNextTerm()).isEqualTo(instructions(YEARLY_SEVEN));
    assertThat(atMicrosoft().quantity()).as("nothing changes before the renewal").isEqualTo(10);
    assertThat(mailsSent(changeId)).isEqualTo(1);
    assertThat(callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/renewal-changes/"
        + changeId, JsonNode.class).path("status").asText()).isEqualTo("COMPLETED");

    sandbox.timeTravel(customer.tenantId(), hoursPast(atMicrosoft().commitmentEndDate()));
    CspSubscription renewed = atMicrosoft();
    assertThat(renewed.status()).isEqualTo(CspSubscription.Status.ACTIVE);
    assertThat(renewed.quantity()).isEqualTo(7);
    assertThat(renewed.termDuration()).isEqualTo("P1Y");
    assertThat(renewed.billingCycle()).isEqualTo("annual");
  }

  @Test
  void autoRenewTurnedOffInTasklistMakesItExpireAtTheRenewal() {
    ProcessInstance change = start(Map.of("subscriptionId", subscriptionId, "autoRenew", "OFF"));
    execute(job(change));
    execute(job(change));

    assertThat(change).isEnded().hasPassed("EndEvent_RenewalChanged");
    RenewalChange done = renewalChanges.find(change.getBusinessKey()).orElseThrow();
    assertThat(done.autoRenew()).isFalse();
    assertThat(done.nextTerm()).isNull();
    assertThat(subscriptions.find(subscriptionId).orElseThrow().autoRenewEnabled()).isFalse();
    assertThat(atMicrosoft().autoRenewEnabled()).isFalse();
    long instancesBefore = instances();
    ResponseEntity<JsonNode> nextTermOnly = post(Map.of("quantity", 7), null);
    assertThat(nextTermOnly.getStatusCode().value()).as("a next term that would never start").isEqualTo(409);
    assertThat(nextTermOnly.getBody().path("problems").path("autoRenew").asText()).startsWith("is off");
    assertThat(instances()).isEqualTo(instancesBefore);
    sandbox.timeTravel(customer.tenantId(), hoursPast(atMicrosoft().commitmentEndDate()));
    assertThat(atMicrosoft().status()).as("expired at its renewal").isEqualTo(CspSubscription.Status.EXPIRED);
  }

  @Test
  void aRefusedLateDecreaseIsScheduledForTheRenewalInOneStep() {
    JsonNode refused = lateDecreaseTo(6);
    assertThat(refused.path("status").asText()).isEqualTo("REFUSED");
    assertThat(refused.path("refusalReason").asText()).contains("in one step: a renewal change with quantity 6");
    JsonNode offer = refused.path("scheduleAtRenewal");
    assertThat(offer.path("method").asText()).isEqualTo("POST");

    scheduleAsOffered(offer);

    assertThat(atMicrosoft().scheduledNextTerm()).isEqualTo(new NextTermInstructions(BUSINESS_STANDARD, 6, "P1M",
        "monthly"));
    sandbox.timeTravel(customer.tenantId(), hoursPast(atMicrosoft().commitmentEndDate()));
    assertThat(atMicrosoft().quantity()).as("decreased at the renewal").isEqualTo(6);
  }

  @Test
  void theOfferToScheduleARefusedDecreaseKeepsTheProductTermAndBillingAlreadyScheduled() {
    ProcessInstance schedule = start(Map.of("subscriptionId", subscriptionId, "quantity", 7, "termDuration", "P1Y",
        "billingCycle", "annual"));
    execute(job(schedule));
    execute(job(schedule));

    scheduleAsOffered(lateDecreaseTo(6).path("scheduleAtRenewal"));

    assertThat(atMicrosoft().scheduledNextTerm()).as("the yearly plan scheduled before, with the fewer seats")
        .isEqualTo(new NextTermInstructions(BUSINESS_STANDARD, 6, "P1Y", "annual"));
  }

  /** A decrease eight days into the term, which Microsoft refuses: the change as the partner reads it. */
  private JsonNode lateDecreaseTo(int quantity) {
    sandbox.timeTravel(customer.tenantId(), 8 * 24);
    ProcessInstance decrease = runtimeService.startProcessInstanceByKey("quantityChange",
        Map.of("subscriptionId", subscriptionId, "quantity", quantity));
    execute(job(decrease));
    assertThat(decrease).isEnded().hasPassed("EndEvent_ChangeRefused");
    return callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/quantity-changes/"
        + decrease.getBusinessKey(), JsonNode.class);
  }

  /** The partner makes the call the refused change offers, and the renewal change runs to its end. */
  private void scheduleAsOffered(JsonNode offer) {
    ResponseEntity<JsonNode> scheduled = callers.portal().postForEntity(offer.path("href").asText(),
        offer.path("body"), JsonNode.class);
    assertThat(scheduled.getStatusCode().value()).isEqualTo(202);
    ProcessInstance change = instance(scheduled.getBody().path("id").asText());
    execute(job(change));
    execute(job(change));
    assertThat(change).isEnded();
  }

  @Test
  void aMidTermIncreaseKeepsTheScheduledNextTerm() {
    ProcessInstance schedule = start(Map.of("subscriptionId", subscriptionId, "quantity", 7, "termDuration", "P1Y",
        "billingCycle", "annual"));
    execute(job(schedule));
    execute(job(schedule));
    assertThat(atMicrosoft().scheduledNextTerm()).isEqualTo(instructions(YEARLY_SEVEN));

    sandbox.timeTravel(customer.tenantId(), 10 * 24);
    ProcessInstance increase = runtimeService.startProcessInstanceByKey("quantityChange",
        Map.of("subscriptionId", subscriptionId, "quantity", 15));
    QuantityChange warned = quantityChanges.find(increase.getBusinessKey()).orElseThrow();
    assertThat(warned.keptNextTerm()).as("the warning: this plan is kept").isEqualTo(YEARLY_SEVEN);
    assertThat(warned.scheduledChangeRestored()).isFalse();
    execute(job(increase));
    assertThat(increase).isWaitingAt("Task_RestoreScheduledChange");
    assertThat(atMicrosoft().quantity()).isEqualTo(15);
    assertThat(atMicrosoft().scheduledNextTerm()).as("Microsoft deleted it with the seat change").isNull();

    execute(job(increase));
    assertThat(increase).isWaitingAt("Task_NotifyPartner");
    execute(job(increase));

    assertThat(increase).isEnded().hasPassed("Task_RestoreScheduledChange", "EndEvent_QuantityChanged");
    assertThat(quantityChanges.find(increase.getBusinessKey()).orElseThrow().scheduledChangeRestored()).isTrue();
    assertThat(atMicrosoft().scheduledNextTerm()).isEqualTo(instructions(YEARLY_SEVEN));
    assertThat(subscriptions.find(subscriptionId).orElseThrow().scheduledNextTerm()).isEqualTo(YEARLY_SEVEN);
    assertThat(subscriptions.find(subscriptionId).orElseThrow().quantity()).isEqualTo(15);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE mail_key = :key")
        .param("key", "quantity-changed:" + increase.getBusinessKey()).query(Long.class).single()).isEqualTo(1);

    sandbox.timeTravel(customer.tenantId(), hoursPast(atMicrosoft().commitmentEndDate()));
    CspSubscription renewed = atMicrosoft();
    assertThat(renewed.quantity()).isEqualTo(7);
    assertThat(renewed.termDuration()).isEqualTo("P1Y");
    assertThat(renewed.billingCycle()).isEqualTo("annual");
  }

  @Test
  void aCspOutageBecomesAnIncidentAndTheChangeIsMadeOnceAfterRecovery() {
    ProcessInstance change = start(Map.of("subscriptionId", subscriptionId, "autoRenew", "OFF", "quantity", 5));
    sandbox.failAlways("change-quantity");
    Job job = managementService.createJobQuery().processInstanceId(change.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(change.getId()).count()).isEqualTo(1);
    assertThat(renewalChanges.find(change.getBusinessKey()).orElseThrow().status())
        .isEqualTo(RenewalChange.Status.IN_PROGRESS);
    assertThat(atMicrosoft().autoRenewEnabled()).isTrue();

    sandbox.clearFaults();
    managementService.setJobRetries(job.getId(), 1);
    execute(job(change));
    execute(job(change));

    assertThat(change).isEnded().hasPassed("EndEvent_RenewalChanged");
    assertThat(atMicrosoft().autoRenewEnabled()).isFalse();
    assertThat(atMicrosoft().scheduledNextTerm()).isEqualTo(new NextTermInstructions(BUSINESS_STANDARD, 5, "P1M",
        "monthly"));
    assertThat(changesOfTheSubscription()).isEqualTo(1);
    assertThat(mailsSent(change.getBusinessKey())).isEqualTo(1);
  }

  @Test
  void aChangeMicrosoftRefusesIsRefusedWithItsReasonAndThePartnerToldOnceNotAnIncident() {
    sandbox.changeAtMicrosoft(customer.tenantId(), subscriptionId, null, "suspended");
    ResponseEntity<JsonNode> accepted = post(Map.of("autoRenew", false, "quantity", 7), null);
    assertThat(accepted.getStatusCode().value()).as("our record does not know it yet").isEqualTo(202);
    String changeId = accepted.getBody().path("id").asText();
    ProcessInstance change = instance(changeId);

    execute(job(change));
    assertThat(change).hasPassed("BoundaryEvent_ChangeRefused", "Task_RecordRefusal")
        .isWaitingAt("Task_NotifyPartnerOfRefusal");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(change.getId()).count()).isZero();
    execute(job(change));

    assertThat(change).isEnded().hasPassed("EndEvent_RenewalChangeRefused").hasNotPassed("Task_NotifyPartner");
    RenewalChange refused = renewalChanges.find(changeId).orElseThrow();
    assertThat(refused.status()).isEqualTo(RenewalChange.Status.REFUSED);
    assertThat(refused.refusalReason()).startsWith("Microsoft refused: ").contains("suspended");
    JsonNode answer = callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/renewal-changes/"
        + changeId, JsonNode.class);
    assertThat(answer.path("status").asText()).isEqualTo("REFUSED");
    assertThat(answer.path("refusalReason").asText()).isEqualTo(refused.refusalReason());
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(change.getId())
        .variableName("refusalReason").singleResult().getValue()).isEqualTo(refused.refusalReason());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE mail_key = :key")
        .param("key", "renewal-change-refused:" + changeId).query(Long.class).single()).isEqualTo(1);
    assertThat(mailsSent(changeId)).as("no mail that it changed").isZero();
    assertThat(atMicrosoft().autoRenewEnabled()).isTrue();
    assertThat(atMicrosoft().scheduledNextTerm()).isNull();
    assertThat(renewalChanges.inProgressFor(subscriptionId)).as("a new change may be asked for").isFalse();
  }

  @Test
  void aKeptNextTermMicrosoftRefusesToScheduleAgainLeavesTheSubscriptionFreeAndThePartnerTold() {
    ProcessInstance schedule = start(Map.of("subscriptionId", subscriptionId, "quantity", 7, "termDuration", "P1Y",
        "billingCycle", "annual"));
    execute(job(schedule));
    execute(job(schedule));
    sandbox.timeTravel(customer.tenantId(), 10 * 24);
    ProcessInstance increase = runtimeService.startProcessInstanceByKey("quantityChange",
        Map.of("subscriptionId", subscriptionId, "quantity", 15));
    execute(job(increase));
    assertThat(increase).isWaitingAt("Task_RestoreScheduledChange");
    sandbox.changeAtMicrosoft(customer.tenantId(), subscriptionId, null, "suspended");

    execute(job(increase));

    assertThat(runtimeService.createIncidentQuery().processInstanceId(increase.getId()).count())
        .as("a refusal, not an outage").isZero();
    QuantityChange done = quantityChanges.find(increase.getBusinessKey()).orElseThrow();
    assertThat(done.status()).isEqualTo(QuantityChange.Status.COMPLETED);
    assertThat(done.scheduledChangeRestored()).isFalse();
    assertThat(renewalChanges.inProgressFor(subscriptionId) || quantityChanges.inProgressFor(subscriptionId))
        .as("the subscription is free for the partner's next change").isFalse();
    execute(job(increase));
    assertThat(increase).isEnded();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE mail_key = :key")
        .param("key", "quantity-changed:" + increase.getBusinessKey()).query(Long.class).single())
        .as("the partner told").isEqualTo(1);
  }

  @Test
  void aRefusalSaysAutoRenewIsAsAskedOnlyWhenMicrosoftTookIt() {
    sandbox.changeAtMicrosoft(customer.tenantId(), subscriptionId, null, "suspended");
    ResponseEntity<JsonNode> accepted = post(Map.of("autoRenew", true, "quantity", 7), null);
    assertThat(accepted.getStatusCode().value()).as("our record does not know it yet").isEqualTo(202);
    ProcessInstance change = instance(accepted.getBody().path("id").asText());

    execute(job(change));

    RenewalChange refused = renewalChanges.find(accepted.getBody().path("id").asText()).orElseThrow();
    assertThat(refused.status()).isEqualTo(RenewalChange.Status.REFUSED);
    assertThat(refused.refusalReason()).as("Microsoft refused the auto-renew part too, though our record had it on")
        .contains("suspended").doesNotContain("as asked");
  }

  @Test
  void theSameIdempotencyKeyTwiceStartsOneChange() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<JsonNode> first = post(Map.of("autoRenew", false), key);
    ResponseEntity<JsonNode> again = post(Map.of("autoRenew", false), key);

    assertThat(first.getStatusCode().value()).isEqualTo(202);
    assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(changesOfTheSubscription()).isEqualTo(1);
  }

  @Test
  void badInputAndConflictsAreRefusedBeforeAnythingStarts() {
    long instancesBefore = instances();
    assertRefused(Map.of("subscriptionId", subscriptionId), "autoRenew or a next term");
    assertRefused(Map.of("subscriptionId", subscriptionId, "catalogItemId", "CFQ7TTC0XXXX:0001:CFQ7TTC0XXXX"),
        "catalogItemId is not in the catalog");
    assertRefused(Map.of("subscriptionId", subscriptionId, "termDuration", "P3Y"), "termDuration must be one of");
    assertRefused(Map.of("subscriptionId", subscriptionId, "quantity", 301), "quantity must be between 1 and 300");
    assertRefused(Map.of("subscriptionId", subscriptionId, "autoRenew", "MAYBE"), "autoRenew");
    assertRefused(Map.of("subscriptionId", UUID.randomUUID().toString(), "autoRenew", "ON"),
        "subscriptionId is not a known subscription");

    ResponseEntity<JsonNode> nothing = post(Map.of(), null);
    assertThat(nothing.getStatusCode().value()).isEqualTo(400);
    assertThat(nothing.getBody().path("problems").has("autoRenew")).isTrue();
    ResponseEntity<JsonNode> badTerm = post(Map.of("termDuration", "P2M"), null);
    assertThat(badTerm.getStatusCode().value()).isEqualTo(400);
    assertThat(badTerm.getBody().path("problems").has("termDuration")).isTrue();
    assertThat(callers.portal().postForEntity("/api/partners/" + customer.partnerId() + "/subscriptions/"
        + UUID.randomUUID() + "/renewal-changes", Map.of("autoRenew", true), JsonNode.class).getStatusCode().value())
        .isEqualTo(404);
    assertThat(callers.partner(fixtures.activePartner()).postForEntity("/api/partners/" + customer.partnerId()
        + "/subscriptions/" + subscriptionId + "/renewal-changes", Map.of("autoRenew", true), JsonNode.class)
        .getStatusCode().value()).as("another partner's system").isEqualTo(404);
    assertThat(subscriptions.find(subscriptionId).orElseThrow().autoRenewEnabled()).isTrue();
    ResponseEntity<JsonNode> already = post(Map.of("autoRenew", true), null);
    assertThat(already.getStatusCode().value()).isEqualTo(400);
    assertThat(already.getBody().path("problems").path("autoRenew").asText())
        .isEqualTo("is already on: nothing changes at the renewal");
    assertThat(instances()).isEqualTo(instancesBefore);
    assertThat(changesOfTheSubscription()).isZero();

    ProcessInstance running = start(Map.of("subscriptionId", subscriptionId, "autoRenew", "OFF"));
    assertConflict(post(Map.of("autoRenew", true), null), "already has a renewal change in progress; try again when it is done");
    assertThat(running).isWaitingAt("Task_ChangeAtMicrosoft");
    jdbc.sql("UPDATE subscription SET status = 'SUSPENDED' WHERE id = :id").param("id", subscriptionId).update();
    assertConflict(post(Map.of("autoRenew", true), null), "is suspended, only an active subscription renews");
    assertThat(changesOfTheSubscription()).isEqualTo(1);
    assertThat(instances()).isEqualTo(instancesBefore + 1);
  }

  private void assertConflict(ResponseEntity<JsonNode> answer, String problem) {
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody().path("problems").path("subscriptionId").asText()).isEqualTo(problem);
  }

  private void assertRefused(Map<String, Object> variables, String reason) {
    assertThatThrownBy(() -> start(variables)).isInstanceOf(RestException.class).hasMessageContaining(reason);
  }

  private ResponseEntity<JsonNode> post(Map<String, Object> body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return callers.portal().postForEntity("/api/partners/" + customer.partnerId() + "/subscriptions/"
        + subscriptionId + "/renewal-changes", new HttpEntity<>(JSON.valueToTree(body), headers), JsonNode.class);
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey(RenewalChangeService.PROCESS_KEY, variables);
  }

  private ProcessInstance instance(String changeId) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(changeId).singleResult();
  }

  private CspSubscription atMicrosoft() {
    return csp.subscriptions(customer.tenantId()).stream().filter(s -> s.id().equals(subscriptionId)).findFirst()
        .orElseThrow();
  }

  private long instances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RenewalChangeService.PROCESS_KEY).count();
  }

  private long changesOfTheSubscription() {
    return jdbc.sql("SELECT COUNT(*) FROM renewal_change WHERE subscription_id = :id")
        .param("id", subscriptionId).query(Long.class).single();
  }

  private long mailsSent(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE mail_key = :key")
        .param("key", "renewal-changed:" + changeId).query(Long.class).single();
  }

  private static NextTermInstructions instructions(NextTerm next) {
    return new NextTermInstructions(next.catalogItemId(), next.quantity(), next.termDuration(), next.billingCycle());
  }

  /** Hours of time travel that take the customer just past the instant. */
  private static int hoursPast(Instant instant) {
    return (int) Duration.between(Instant.now(), instant).toHours() + 2;
  }
}
