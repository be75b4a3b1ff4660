package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The portal's order call, POST /api/orders, over HTTP with the portal's credentials. */
@CspflowSpringTest
class OrderApiTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired OrderRepository orders;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  Customer customer;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    customer = fixtures.activeCustomer("Northwind AB");
  }

  @Test
  void thePortalOrdersAndGetsTheOrderInProgressWithItsAddress() {
    ResponseEntity<Map> answer = portal().postForEntity("/api/orders", businessBasic(12), Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String orderId = (String) answer.getBody().get("id");
    assertThat(answer.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
    assertThat(answer.getBody()).containsEntry("status", "IN_PROGRESS").containsEntry("quantity", 12)
        .containsEntry("product", "Microsoft 365 Business Basic").containsEntry("requestedBy", "portal");
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
        .singleResult();
    assertThat(instance).isWaitingAt("Task_PlaceOrder").variables()
        .containsOnlyKeys("requestedBy", "orderId", "provisioningChecks").containsEntry("requestedBy", "portal");
    assertThat(portal().getForObject("/api/orders/" + orderId, Map.class)).containsEntry("status", "IN_PROGRESS");
  }

  @Test
  void aRejectedOrderShowsTheBackOfficeWhatWasOrdered() {
    SandboxAdmin sandbox = new SandboxAdmin();
    sandbox.underReview(customer.tenantId(), true);
    try {
      String orderId = (String) portal().postForEntity("/api/orders", businessBasic(7), Map.class).getBody().get("id");
      ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
          .singleResult();
      execute(job(instance));

      assertThat(instance).isWaitingAt("Task_HandleFailedOrder").variables()
          .containsEntry("quantity", 7).containsEntry("termDuration", "P1Y");
    } finally {
      sandbox.underReview(customer.tenantId(), false);
    }
  }

  @Test
  void badInputIsA400NamingEveryFieldAndNothingIsStartedOrStored() {
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("subscriptionOrder").count();
    Map<String, Object> bad = businessBasic(301);
    bad.put("category", "Education");
    bad.remove("termDuration");

    ResponseEntity<Map> answer = portal().postForEntity("/api/orders", bad, Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) answer.getBody().get("problems"))
        .containsOnlyKeys("quantity", "category", "termDuration")
        .hasEntrySatisfying("quantity", reason -> assertThat(reason).contains("between 1 and 300"));
    Map<String, Object> notANumber = businessBasic(1);
    notANumber.put("quantity", "twelve");
    assertThat((Map<String, String>) portal().postForEntity("/api/orders", notANumber, Map.class).getBody()
        .get("problems")).containsOnlyKeys("quantity");
    assertThat(orders.ofOrganization(customer.organizationId())).isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("subscriptionOrder")
        .count()).isEqualTo(instancesBefore);
  }

  @Test
  void aUserWhoMayNotStartOrdersGetsA403AndNothingIsStored() {
    ResponseEntity<Map> answer = http.withBasicAuth("owner", "owner")
        .postForEntity("/api/orders", businessBasic(1), Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(orders.ofOrganization(customer.organizationId())).isEmpty();
    assertThat(http.postForEntity("/api/orders", businessBasic(1), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private TestRestTemplate portal() {
    return http.withBasicAuth("portal", "portal");
  }

  private Map<String, Object> businessBasic(int quantity) {
    Map<String, Object> order = new HashMap<>();
    order.put("organizationId", customer.organizationId());
    order.put("category", "Corporate");
    order.put("productGroup", "Microsoft 365");
    order.put("catalogItemId", SubscriptionOrderProcessTest.BUSINESS_BASIC);
    order.put("quantity", quantity);
    order.put("termDuration", "P1Y");
    return order;
  }
}
