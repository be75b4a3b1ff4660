package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.catalog.CatalogService;
import com.cspflow.platform.input.Patterns;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.BitMaskUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The portal's order call, POST /api/orders, over HTTP with the portal's credentials. */
@CspflowSpringTest
class OrderApiTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired OrderRepository orders;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  @Autowired ApiCallers callers;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  SandboxAdmin sandbox = new SandboxAdmin();
  Customer customer;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    customer = fixtures.activeCustomer("Northwind AB");
  }

  @Test
  void thePortalOrdersAndGetsTheOrderInProgressWithItsAddress() {
    ResponseEntity<Map> answer = callers.portal().postForEntity(orders(), businessBasic(12), Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String orderId = (String) answer.getBody().get("id");
    assertThat(answer.getHeaders().getLocation()).hasToString(orders() + "/" + orderId);
    assertThat(answer.getBody()).containsEntry("status", "IN_PROGRESS").containsEntry("quantity", 12)
        .containsEntry("product", "Microsoft 365 Business Basic").containsEntry("requestedBy", "client:portal");
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
        .singleResult();
    // before anything reads its variables: a read rewrites that state
    int cachedState = jdbc.sql("SELECT CACHED_ENT_STATE_ FROM ACT_RU_EXECUTION WHERE ID_ = ?").param(instance.getId())
        .query(Integer.class).single();
    assertThat(BitMaskUtil.isBitOn(cachedState, ExecutionEntity.VARIABLES_STATE_BIT))
        .as("its row says it holds none, so the placing job does not read them back").isFalse();
    assertThat(instance).isWaitingAt("Task_PlaceOrder").variables().as("the order's fields stay in its row").isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getStartUserId()).as("the history keeps who started it").isEqualTo("client:portal");
    assertThat(callers.portal().getForObject(orders() + "/" + orderId, Map.class))
        .containsEntry("status", "IN_PROGRESS");
  }

  @Test
  void idsInUpperCaseNameTheSameCustomerAndOrder() {
    Map<String, Object> order = businessBasic(3);
    order.put("organizationId", customer.organizationId().toUpperCase(java.util.Locale.ROOT));
    ResponseEntity<Map> answer = callers.portal().postForEntity(orders(), order, Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getBody()).containsEntry("organizationId", customer.organizationId());
    String orderId = (String) answer.getBody().get("id");
    assertThat(orders.find(orderId).orElseThrow().organizationId()).isEqualTo(customer.organizationId());
    ResponseEntity<Map> read = callers.portal().getForEntity(orders() + "/" + orderId.toUpperCase(
        java.util.Locale.ROOT), Map.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getBody()).containsEntry("id", orderId);
    assertThat(callers.portal().getForEntity("/api/partners/" + customer.partnerId() + "/organizations/"
        + customer.organizationId().toUpperCase(java.util.Locale.ROOT) + "/orders", List.class).getBody())
        .extracting(o -> ((Map<?, ?>) o).get("id")).contains(orderId);
  }

  @Test
  void anOrderIsPricedAtThePartnersPriceForItsTermAndBillingPlanWithTheMarginThatApplies() {
    ResponseEntity<Map> withoutMargin = callers.portal().postForEntity(orders(), businessBasic(12), Map.class);
    Map<String, Object> listed = priceListLine(SubscriptionOrderProcessTest.BUSINESS_BASIC, "P1Y", "monthly");
    assertThat((Map<String, Object>) withoutMargin.getBody().get("price")).as("the marketplace's default applies")
        .containsEntry("unitPrice", listed.get("salePrice")).containsEntry("costUnitPrice", listed.get("costPrice"))
        .containsEntry("currency", listed.get("currency"));
    BigDecimal cost = new BigDecimal(String.valueOf(listed.get("costPrice")));

    assertThat(callers.backoffice().exchange("/api/partners/" + customer.partnerId() + "/margins",
        org.springframework.http.HttpMethod.PUT, new org.springframework.http.HttpEntity<>(Map.of(
            "appliesTo", "PRODUCT", "catalogItemId", SubscriptionOrderProcessTest.BUSINESS_BASIC, "kind", "PERCENT",
            "value", 10)), Map.class).getStatusCode().is2xxSuccessful()).isTrue();
    Map<String, Object> yearly = businessBasic(12);
    yearly.put("billingCycle", "annual");
    Map<String, Object> priced = (Map<String, Object>) callers.portal().postForEntity(orders(), yearly, Map.class)
        .getBody().get("price");

    BigDecimal annualCost = new BigDecimal(String.valueOf(priceListLine(SubscriptionOrderProcessTest.BUSINESS_BASIC,
        "P1Y", "annual").get("costPrice")));
    assertThat(annualCost).as("billed annually is the base, billed monthly 5 % more").isLessThan(cost);
    BigDecimal sale = annualCost.multiply(new BigDecimal("1.10")).setScale(2, java.math.RoundingMode.HALF_UP);
    assertThat(new BigDecimal(String.valueOf(priced.get("costUnitPrice")))).isEqualByComparingTo(annualCost);
    assertThat(new BigDecimal(String.valueOf(priced.get("unitPrice")))).as("the product's 10 %")
        .isEqualByComparingTo(sale);
    assertThat(new BigDecimal(String.valueOf(priced.get("monthlyAmount"))))
        .isEqualByComparingTo(sale.multiply(BigDecimal.valueOf(12)));
    String orderId = (String) withoutMargin.getBody().get("id");
    assertThat((Map<String, Object>) callers.portal().getForObject(orders() + "/" + orderId, Map.class).get("price"))
        .as("kept with the order: a margin set later does not reprice it")
        .containsEntry("unitPrice", listed.get("salePrice"));
  }

  private Map<String, Object> priceListLine(String catalogItemId, String term, String billingCycle) {
    List<Map<String, Object>> lines = callers.portal().getForObject("/api/partners/" + customer.partnerId()
        + "/price-list", List.class);
    return lines.stream().filter(l -> catalogItemId.equals(l.get("catalogItemId")) && term.equals(l.get("termDuration"))
        && billingCycle.equals(l.get("billingCycle"))).findFirst().orElseThrow();
  }

  @Test
  void aPartnersOwnSystemOrdersForItsCustomersOnlyAndSeesNoOtherPartnersOrders() {
    ResponseEntity<Map> own = callers.partner(customer.partnerId()).postForEntity(orders(), businessBasic(3),
        Map.class);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String orderId = (String) own.getBody().get("id");

    String stranger = fixtures.activePartner();
    TestRestTemplate strangersSystem = callers.partner(stranger);
    assertThat(strangersSystem.postForEntity(orders(), businessBasic(3), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(strangersSystem.getForEntity(orders() + "/" + orderId, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    String nobody = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(callers.portal().getForEntity("/api/partners/" + nobody + "/organizations/"
        + customer.organizationId() + "/orders", Map.class).getStatusCode())
        .as("a partner that does not exist has no empty list").isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<Map> inItsOwnName = strangersSystem.postForEntity("/api/partners/" + stranger + "/orders",
        businessBasic(3), Map.class);
    assertThat(inItsOwnName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) inItsOwnName.getBody().get("problems")).containsOnlyKeys("organizationId");
    assertThat(callers.portal().getForEntity("/api/partners/" + stranger + "/orders/" + orderId, Map.class)
        .getStatusCode()).as("the order under another partner's name").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(this.orders.ofOrganization(customer.organizationId())).hasSize(1);
  }

  @Test
  void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndPlacesOneOrder() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<Map> first = callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(4), key),
        Map.class);
    ResponseEntity<Map> retried = callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(4), key),
        Map.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retried.getBody().get("id")).isEqualTo(first.getBody().get("id"));
    assertThat(retried.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(orders.ofOrganization(customer.organizationId())).hasSize(1);

    ResponseEntity<Map> otherBody = callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(5), key),
        Map.class);
    assertThat(otherBody.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(otherBody.getBody()).containsEntry("instance", orders()).containsEntry("title", "Unprocessable Content");
    assertThat(callers.partner(customer.partnerId()).postForEntity(orders(), ApiCallers.json(businessBasic(4), key),
        Map.class).getStatusCode()).as("keys are per caller").isEqualTo(HttpStatus.CREATED);
    assertThat(orders.ofOrganization(customer.organizationId())).hasSize(2);
  }

  @Test
  void aRefusedPostKeepsNothingForItsIdempotencyKeySoTheCorrectedRequestMayUseIt() {
    String key = UUID.randomUUID().toString();
    assertThat(callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(301), key), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(30), key), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(callers.portal().postForEntity(orders(), ApiCallers.json(businessBasic(30), "bad key"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    HttpHeaders twoKeys = new HttpHeaders();
    twoKeys.setContentType(MediaType.APPLICATION_JSON);
    twoKeys.add("Idempotency-Key", UUID.randomUUID().toString());
    twoKeys.add("Idempotency-Key", UUID.randomUUID().toString());
    int before = orders.ofOrganization(customer.organizationId()).size();
    ResponseEntity<Map> ambiguous = callers.portal().postForEntity(orders(), new HttpEntity<>(businessBasic(30),
        twoKeys), Map.class);
    assertThat(ambiguous.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ambiguous.getBody().get("problems")).isEqualTo(Map.of("Idempotency-Key", "is given more than once"));
    assertThat(orders.ofOrganization(customer.organizationId())).as("nothing ordered").hasSize(before);
  }

  @Test
  void aRejectedOrderShowsTheBackOfficeWhatWasOrdered() {
    SandboxAdmin sandbox = new SandboxAdmin();
    sandbox.underReview(customer.tenantId(), true);
    try {
      String orderId = (String) callers.portal().postForEntity(orders(), businessBasic(7), Map.class).getBody()
          .get("id");
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

    ResponseEntity<Map> answer = callers.portal().postForEntity(orders(), bad, Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    Map<String, String> problems = (Map<String, String>) answer.getBody().get("problems");
    assertThat(problems).containsOnlyKeys("termDuration");
    bad.put("termDuration", "P1Y");
    assertThat((Map<String, String>) callers.portal().postForEntity(orders(), bad, Map.class).getBody()
        .get("problems")).containsOnlyKeys("quantity", "category")
        .hasEntrySatisfying("quantity", reason -> assertThat(reason).contains("between 1 and 300"));
    for (Object wrong : List.of("twelve", "12", 12.9, 12.5, 1e30, 4294967308L, -4294967284L,
        new java.math.BigInteger("99999999999999999999999"), true, Map.of("n", 1))) {
      Map<String, Object> order = businessBasic(1);
      order.put("quantity", wrong);
      assertThat((Map<String, String>) callers.portal().postForEntity(orders(), order, Map.class).getBody()
          .get("problems")).as("quantity %s", wrong).containsOnlyKeys("quantity")
          .containsEntry("quantity", "must be a whole number from 1 to " + Patterns.MAX_SEATS);
    }
    org.springframework.http.HttpHeaders asJson = new org.springframework.http.HttpHeaders();
    asJson.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    String twice = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(businessBasic(1)).toString()
        .replace("{", "{\"quantity\": 900, ");
    ResponseEntity<Map> duplicate = callers.portal().postForEntity(orders(),
        new org.springframework.http.HttpEntity<>(twice, asJson), Map.class);
    assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((Map<String, String>) duplicate.getBody().get("problems"))
        .containsExactly(Map.entry("quantity", "is given more than once"));
    Map<String, Object> spoofed = businessBasic(1);
    spoofed.put("requestedBy", "someone-else");
    assertThat((Map<String, String>) callers.portal().postForEntity(orders(), spoofed, Map.class).getBody()
        .get("problems")).containsEntry("requestedBy", "is not a field you can set here");
    assertThat(orders.ofOrganization(customer.organizationId())).isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("subscriptionOrder")
        .count()).isEqualTo(instancesBefore);
  }

  @Test
  void aProductWithdrawnFromMicrosoftsCatalogIsA409NamingTheReasonAndNothingIsStarted() {
    String officeA5 = "CFQ7TTC0EO5F:0002:CFQ7TTC0EO5A";
    Map<String, Object> order = businessBasic(5);
    order.put("category", "Education");
    order.put("productGroup", "Office 365");
    order.put("catalogItemId", officeA5);
    sandbox.withdrawFromCatalog(officeA5);
    try {
      catalog.refresh();

      ResponseEntity<Map> answer = callers.portal().postForEntity(orders(), order, Map.class);

      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
      assertThat((String) answer.getBody().get("detail")).contains("withdrawn from Microsoft's catalog on "
          + catalog.offer(officeA5).orElseThrow().withdrawnOn());
      assertThat(orders.ofOrganization(customer.organizationId())).isEmpty();
    } finally {
      sandbox.listInCatalogAgain(officeA5);
      catalog.refresh();
    }
  }

  @Test
  void anOperatorMayNotOrderAndAnAnonymousCallerIsAskedToSignIn() {
    ResponseEntity<Map> answer = callers.owner().postForEntity(orders(), businessBasic(1), Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(orders.ofOrganization(customer.organizationId())).isEmpty();
    ResponseEntity<Map> anonymous = http.postForEntity(orders(), businessBasic(1), Map.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).contains("Bearer").contains("Basic");
  }

  @Test
  void aPartnersOrdersForAllItsCustomersAreListedNewestFirstByStatusAndPage() {
    Customer second = fixtures.activeCustomer("Southwind AB", customer.partnerId());
    List<String> placed = new java.util.ArrayList<>();
    for (int seats = 1; seats <= 3; seats++) {
      placed.add((String) callers.portal().postForEntity(orders(), businessBasic(seats), Map.class).getBody()
          .get("id"));
    }
    Map<String, Object> forSecond = businessBasic(4);
    forSecond.put("organizationId", second.organizationId());
    placed.add((String) callers.partner(customer.partnerId()).postForEntity(orders(), forSecond, Map.class)
        .getBody().get("id"));
    String other = fixtures.activeCustomer("Eastwind AB").partnerId();

    ResponseEntity<List> all = callers.partner(customer.partnerId()).getForEntity(orders(), List.class);
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(((List<Map<String, Object>>) all.getBody()).stream().map(order -> order.get("id")))
        .containsExactly(placed.get(3), placed.get(2), placed.get(1), placed.get(0));

    ResponseEntity<List> page = callers.portal().getForEntity(orders() + "?status=IN_PROGRESS&page=1&size=3",
        List.class);
    assertThat(page.getBody()).hasSize(1);
    assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("4");
    assertThat(callers.portal().getForEntity(orders() + "?status=FULFILLED", List.class).getBody()).isEmpty();
    assertThat(callers.portal().getForEntity("/api/partners/" + other + "/orders", List.class).getBody())
        .as("another partner's orders").isEmpty();
    ResponseEntity<Map> badStatus = callers.portal().getForEntity(orders() + "?status=DONE", Map.class);
    assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(String.valueOf(((Map<String, Object>) badStatus.getBody().get("problems")).get("status")))
        .startsWith("must be one of IN_PROGRESS");
    ResponseEntity<Map> twoStatuses = callers.portal().getForEntity(orders() + "?status=IN_PROGRESS&status=FULFILLED",
        Map.class);
    assertThat(twoStatuses.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(twoStatuses.getBody().get("problems")).isEqualTo(Map.of("status", "is given more than once"));
  }

  private String orders() {
    return "/api/partners/" + customer.partnerId() + "/orders";
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
