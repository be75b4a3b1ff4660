package com.cspflow.quantitychange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.input.Patterns;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

@CspflowSpringTest
class QuantityChangeProcessTest {

  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired QuantityChangeRepository changes;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired CspPort csp;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  @Autowired com.cspflow.pricing.PartnerPrices partnerPrices;
  @Autowired com.cspflow.catalog.CatalogService catalog;
  @Autowired ApiCallers callers;
  @Autowired JdbcClient jdbc;
  SandboxAdmin sandbox;
  Customer customer;
  String subscriptionId;

  @BeforeEach
  void aCustomerWithTenSeats() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    customer = fixtures.activeCustomer("Fabrikam AB");
    subscriptionId = fixtures.orderedSubscription(customer, BUSINESS_STANDARD, 10);
  }

  @AfterEach
  void tearDown() {
    sandbox.clearFaults();
  }

  @Test
  void seatsCanBeAddedAtAnyTime() {
    sandbox.timeTravel(customer.tenantId(), 24 * 30);
    ProcessInstance change = start(15);
    assertThat(change).isWaitingAt("Task_ChangeQuantity");
    execute(job(change));
    execute(job(change));

    assertThat(change).isEnded().hasPassed("EndEvent_QuantityChanged");
    assertThat(subscriptions.find(subscriptionId).orElseThrow().quantity()).isEqualTo(15);
    assertThat(changes.find(change.getBusinessKey()).orElseThrow().status()).isEqualTo(QuantityChange.Status.COMPLETED);
    com.cspflow.pricing.SeatPrice price = changes.find(change.getBusinessKey()).orElseThrow().price();
    com.cspflow.pricing.PartnerPrices.Price listed = partnerPrices.forPartner(customer.partnerId()).price(
        customer.partnerId(), catalog.offer(BUSINESS_STANDARD).orElseThrow(), "P1Y", "monthly",
        java.time.LocalDate.now()).orElseThrow();
    assertThat(price).as("the seats at the partner's price of the subscription's term and billing plan")
        .isEqualTo(new com.cspflow.pricing.SeatPrice(listed.sale(), listed.cost(),
            listed.sale().multiply(java.math.BigDecimal.valueOf(15)), listed.currency()));
  }

  @Test
  void seatsCanBeRemovedWithinSevenDaysOfThePurchase() {
    ProcessInstance change = start(6);
    execute(job(change));
    execute(job(change));

    assertThat(change).isEnded().hasPassed("EndEvent_QuantityChanged");
    assertThat(subscriptions.find(subscriptionId).orElseThrow().quantity()).isEqualTo(6);
  }

  @Test
  void aLateDecreaseIsRefusedWithTheRenewalDateItCanBeScheduledFor() {
    sandbox.timeTravel(customer.tenantId(), 24 * 8);
    ProcessInstance change = start(6);
    execute(job(change));

    assertThat(change).isEnded().hasPassed("Task_RecordRefusal", "EndEvent_ChangeRefused");
    QuantityChange refused = changes.find(change.getBusinessKey()).orElseThrow();
    assertThat(refused.status()).isEqualTo(QuantityChange.Status.REFUSED);
    assertThat(refused.refusalReason()).contains("800090", "scheduled for the renewal on");
    assertThat(refused.schedulableFrom()).isEqualTo(subscriptions.find(subscriptionId).orElseThrow().commitmentEndDate());
    assertThat(subscriptions.find(subscriptionId).orElseThrow().quantity()).isEqualTo(10);
  }

  @Test
  void badChangesAreRefusedBeforeAnythingIsStored() {
    assertRefused(Map.of("subscriptionId", "nope", "quantity", 5), "subscriptionId must be an id");
    assertRefused(Map.of("subscriptionId", java.util.UUID.randomUUID().toString(), "quantity", 5),
        "subscriptionId is not a known subscription");
    assertRefused(Map.of("subscriptionId", subscriptionId, "quantity", 301), "quantity must be between 1 and 300");
    assertRefused(Map.of("subscriptionId", subscriptionId, "quantity", 10), "quantity is already 10");
    assertRefused(Map.of("subscriptionId", subscriptionId, "quantity", "many"), "quantity must be a whole number");
    for (Object wrong : List.of(new java.math.BigInteger("99999999999999999999999"), "twelve", 12.5, 1e30)) {
      ResponseEntity<JsonNode> refused = callers.portal().postForEntity("/api/partners/" + customer.partnerId()
          + "/subscriptions/" + subscriptionId + "/quantity-changes", Map.of("quantity", wrong), JsonNode.class);
      assertThat(refused.getStatusCode().value()).as("quantity %s", wrong).isEqualTo(400);
      assertThat(refused.getBody().path("problems").path("quantity").asText()).as("quantity %s", wrong)
          .isEqualTo("must be a whole number from 1 to " + Patterns.MAX_SEATS);
    }

    start(12);
    assertRefused(Map.of("subscriptionId", subscriptionId, "quantity", 13), "already has a quantity change in progress; try again when it is done");
  }

  @Test
  void ofChangesAtTheSameMomentOneIsAcceptedAndTheOthersAreConflicts() throws Exception {
    long instancesBefore = instances();
    int atOnce = 4;
    ExecutorService threads = Executors.newFixedThreadPool(atOnce);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ResponseEntity<JsonNode>>> posts = new ArrayList<>();
      for (int caller = 0; caller < atOnce; caller++) {
        int quantity = 11 + caller;
        posts.add(threads.submit(() -> {
          go.await();
          return post(quantity);
        }));
      }
      go.countDown();
      List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> post : posts) {
        answers.add(post.get(60, TimeUnit.SECONDS));
      }

      assertThat(answers).extracting(answer -> answer.getStatusCode().value())
          .containsExactlyInAnyOrder(202, 409, 409, 409);
      answers.stream().filter(answer -> answer.getStatusCode().value() == 409).forEach(conflict ->
          assertThat(conflict.getBody().path("problems").path("subscriptionId").asText())
              .isEqualTo("already has a quantity change in progress; try again when it is done"));
    } finally {
      threads.shutdownNow();
    }
    assertThat(changesOfTheSubscription()).isEqualTo(1);
    assertThat(instances()).isEqualTo(instancesBefore + 1);
  }

  @Test
  void aSuspendedSubscriptionsSeatsCannotChange() {
    long instancesBefore = instances();
    jdbc.sql("UPDATE subscription SET status = 'SUSPENDED' WHERE id = :id").param("id", subscriptionId).update();

    ResponseEntity<JsonNode> answer = post(15);
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody().path("problems").path("subscriptionId").asText())
        .isEqualTo("is suspended, only an active subscription's seats can change");
    assertThatThrownBy(() -> start(15)).as("started from the Tasklist")
        .isInstanceOf(ConflictingProcessInput.class).hasMessageContaining("subscriptionId is suspended");

    assertThat(changesOfTheSubscription()).isZero();
    assertThat(instances()).isEqualTo(instancesBefore);
  }

  @Test
  void aCspOutageBecomesAnIncidentAndTheChangeCompletesAfterRecovery() {
    ProcessInstance change = start(11);
    sandbox.failAlways("change-quantity");
    Job job = managementService.createJobQuery().processInstanceId(change.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(change.getId()).count()).isEqualTo(1);
    assertThat(changes.find(change.getBusinessKey()).orElseThrow().status()).isEqualTo(QuantityChange.Status.IN_PROGRESS);

    sandbox.clearFaults();
    managementService.setJobRetries(job.getId(), 1);
    execute(job(change));
    execute(job(change));
    assertThat(change).isEnded();
    assertThat(subscriptions.find(subscriptionId).orElseThrow().quantity()).isEqualTo(11);
  }

  private void assertRefused(Map<String, Object> variables, String reason) {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("quantityChange", variables))
        .isInstanceOf(org.camunda.bpm.engine.rest.exception.RestException.class).hasMessageContaining(reason);
  }

  private ResponseEntity<JsonNode> post(int quantity) {
    return callers.portal().postForEntity("/api/partners/" + customer.partnerId() + "/subscriptions/" + subscriptionId
        + "/quantity-changes", Map.of("quantity", quantity), JsonNode.class);
  }

  private long instances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(QuantityChangeService.PROCESS_KEY).count();
  }

  private long changesOfTheSubscription() {
    return jdbc.sql("SELECT COUNT(*) FROM quantity_change WHERE subscription_id = :id")
        .param("id", subscriptionId).query(Long.class).single();
  }

  private ProcessInstance start(int quantity) {
    return runtimeService.startProcessInstanceByKey("quantityChange",
        Map.of("subscriptionId", subscriptionId, "quantity", quantity));
  }
}
