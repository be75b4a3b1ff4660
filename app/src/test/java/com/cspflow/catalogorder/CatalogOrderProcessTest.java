package com.cspflow.catalogorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.cspflow.CspflowSpringTest;
import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.ordering.OrderRepository;
import com.cspflow.ordering.OrderingService;
import com.cspflow.ordering.SubscriptionOrder;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * "Order from the catalog": the back office orders in Tasklist from what the catalog sells today, at the partner's
 * prices, and the order is checked and started as an order over the API. Each test acts as the back office does in
 * Tasklist (signed in as {@code backoffice}, through the form service), so the same checks of input apply.
 */
@CspflowSpringTest
class CatalogOrderProcessTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired OrderRepository orders;
  @Autowired CatalogService catalog;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired ObjectMapper json;
  Customer customer;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    customer = fixtures.activeCustomer("Northwind AB");
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void theChoicesAreWhatTheCatalogSellsTodayAtThePartnersPricesForEveryBillingPlan() throws Exception {
    setPartnerMargin("10");
    ProcessInstance ordering = startAsBackOffice(customer.organizationId());

    assertThat(ordering).isWaitingAt("Task_ChooseProduct");
    assertThat(ordering.getBusinessKey()).isEqualTo(customer.organizationId());
    assertThat(runtimeService.getVariable(ordering.getId(), "partnerId")).isEqualTo(customer.partnerId());
    assertThat(runtimeService.getVariable(ordering.getId(), "organizationName")).isEqualTo("Northwind AB");

    List<CatalogOffer> forSale = catalog.offersForSale();
    assertThat(values(jsonVariable(ordering, "products"), "value")).as("every product for sale, nothing else")
        .isEqualTo(forSale.stream().map(CatalogOffer::catalogItemId).collect(Collectors.toSet()));
    assertThat(values(jsonVariable(ordering, "categories"), null))
        .isEqualTo(forSale.stream().map(CatalogOffer::category).collect(Collectors.toSet()));
    assertThat(values(jsonVariable(ordering, "productGroups"), "value"))
        .isEqualTo(forSale.stream().map(CatalogOffer::productGroup).collect(Collectors.toSet()));

    CatalogOffer basic = catalog.offer(BUSINESS_BASIC).orElseThrow();
    JsonNode plans = jsonVariable(ordering, "billingPlans");
    int basicPlans = 0;
    for (CatalogOffer.TermPlan plan : basic.terms()) {
      JsonNode choice = only(plans, BUSINESS_BASIC, plan.termDuration(), plan.billingCycle());
      BigDecimal cost = basic.unitPrice(plan.termDuration(), plan.billingCycle(), LocalDate.now()).orElseThrow();
      assertThat(choice.get("costMonthly").decimalValue()).isEqualByComparingTo(cost);
      assertThat(choice.get("seatMonthly").decimalValue()).as("Microsoft's price and the partner's 10 %%")
          .isEqualByComparingTo(cost.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP));
      assertThat(choice.get("label").asText()).contains(choice.get("seatMonthly").decimalValue().toPlainString()
          + " EUR a seat a month");
      basicPlans++;
    }
    assertThat(basic.terms()).as("a monthly term, and an annual one billed monthly or annually")
        .contains(new CatalogOffer.TermPlan("P1M", "monthly"), new CatalogOffer.TermPlan("P1Y", "monthly"),
            new CatalogOffer.TermPlan("P1Y", "annual"));
    assertThat(StreamSupport.stream(plans.spliterator(), false)
        .filter(p -> p.get("ofProduct").asText().equals(BUSINESS_BASIC)).count()).isEqualTo(basicPlans);
    assertThat(values(jsonVariable(ordering, "terms"), "value")).contains("P1M", "P1Y");
  }

  @Test
  void theChosenProductIsOrderedAsTheBackOfficeAtThePriceItWasShown() throws Exception {
    ProcessInstance ordering = startAsBackOffice(customer.organizationId());
    JsonNode shown = only(jsonVariable(ordering, "billingPlans"), BUSINESS_BASIC, "P1Y", "annual");

    completeAsBackOffice(ordering, chosen(BUSINESS_BASIC, "P1Y", "annual", 12));

    assertThat(ordering).isEnded().hasPassed("Task_OrderChosen", "EndEvent_OrderPlaced")
        .hasNotPassed("EndEvent_NotOrdered");
    String orderId = (String) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(ordering.getId()).variableName("orderId").singleResult().getValue();
    SubscriptionOrder order = orders.find(orderId).orElseThrow();
    assertThat(order.organizationId()).isEqualTo(customer.organizationId());
    assertThat(order.catalogItemId()).isEqualTo(BUSINESS_BASIC);
    assertThat(order.quantity()).isEqualTo(12);
    assertThat(order.termDuration()).isEqualTo("P1Y");
    assertThat(order.billingCycle()).isEqualTo("annual");
    assertThat(order.status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);
    assertThat(order.requestedBy()).as("the person who chose it").isEqualTo("backoffice");
    assertThat(order.price().unitPrice()).isEqualByComparingTo(shown.get("seatMonthly").decimalValue());
    assertThat(order.price().monthlyAmount())
        .isEqualByComparingTo(shown.get("seatMonthly").decimalValue().multiply(BigDecimal.valueOf(12)));

    ProcessInstance placing = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(OrderingService.PROCESS_KEY).processInstanceBusinessKey(orderId).singleResult();
    assertThat(placing).as("started as \"Order subscription\", as an order over the API is")
        .isWaitingAt("Task_PlaceOrder");
    assertThat(runtimeService.getVariables(placing.getId()).keySet()).as("the order's fields stay in its row")
        .doesNotContain("catalogItemId", "quantity", "termDuration");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(ordering.getId())
        .variableNameIn("products", "billingPlans").list()).allSatisfy(v -> assertThat(v.getState())
        .as("the choices are dropped once ordered").isEqualTo("DELETED"));
  }

  @Test
  void aRefusedChoiceComesBackToTheBackOfficeWithTheReasonAndIsOrderedOnceCorrected() {
    ProcessInstance ordering = startAsBackOffice(customer.organizationId());
    int before = orders.ofOrganization(customer.organizationId()).size();

    completeAsBackOffice(ordering, chosen(BUSINESS_BASIC, "P1Y", "monthly", 301));

    assertThat(ordering).isWaitingAt("Task_ChooseProduct").hasPassed("BoundaryEvent_OrderRefused");
    assertThat((String) runtimeService.getVariable(ordering.getId(), "refusal"))
        .isEqualTo("quantity must be between 1 and 300 for Microsoft 365 Business Basic");
    assertThat(orders.ofOrganization(customer.organizationId())).as("nothing ordered").hasSize(before);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(OrderingService.PROCESS_KEY)
        .variableValueEquals("organizationId", customer.organizationId()).count()).isZero();

    Map<String, Object> wrongGroup = chosen(BUSINESS_BASIC, "P1Y", "monthly", 3);
    wrongGroup.put("productGroup", "Teams");
    completeAsBackOffice(ordering, wrongGroup);
    assertThat((String) runtimeService.getVariable(ordering.getId(), "refusal"))
        .isEqualTo("productGroup 'Teams' does not contain Microsoft 365 Business Basic (it is in Microsoft 365)");

    completeAsBackOffice(ordering, chosen(BUSINESS_BASIC, "P1Y", "monthly", 3));
    assertThat(ordering).isEnded().hasPassed("EndEvent_OrderPlaced");
    assertThat(orders.ofOrganization(customer.organizationId())).hasSize(before + 1);
  }

  @Test
  void aCustomerThatMayNotOrderIsRefusedAtTheStartAndNothingIsStarted() {
    String withoutMicrosoft365 = fixtures.onboardedOrganization("Adventure Works AB");
    long before = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(CatalogOrderService.PROCESS_KEY).count();

    assertThatThrownBy(() -> startAsBackOffice(withoutMicrosoft365)).isInstanceOf(InvalidProcessInput.class)
        .hasMessage("Invalid input: organizationId does not have Microsoft 365 active; add the service first");
    assertThatThrownBy(() -> startAsBackOffice("3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("organizationId is not a known organization");
    assertThatThrownBy(() -> startAsBackOffice("not an id")).isInstanceOf(InvalidProcessInput.class)
        .hasMessageContaining("organizationId");

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(CatalogOrderService.PROCESS_KEY)
        .count()).isEqualTo(before);
  }

  @Test
  void aChoiceThatIsNotAChoiceIsRefusedAndTheTaskWaits() {
    ProcessInstance ordering = startAsBackOffice(customer.organizationId());

    Map<String, Object> withPrice = chosen(BUSINESS_BASIC, "P1Y", "monthly", 3);
    withPrice.put("unitPrice", 0.01);
    assertThatThrownBy(() -> completeAsBackOffice(ordering, withPrice)).isInstanceOf(InvalidProcessInput.class)
        .hasMessageContaining("unitPrice is not a field you can set here");
    Map<String, Object> noPlan = chosen(BUSINESS_BASIC, "P1Y", "weekly", 3);
    assertThatThrownBy(() -> completeAsBackOffice(ordering, noPlan)).isInstanceOf(InvalidProcessInput.class)
        .hasMessageContaining("billingCycle");

    assertThat(ordering).isWaitingAt("Task_ChooseProduct").hasNotPassed("Task_OrderChosen");
  }

  @Test
  void aProductNotChosenWithinTheLimitDropsTheOrderWhenTheTimerOnTheTasksBorderFires() {
    Date begun = new Date();
    ClockUtil.setCurrentTime(begun);
    ProcessInstance ordering = startAsBackOffice(customer.organizationId());

    Job limit = job("BoundaryEvent_NotChosenInTime", ordering);
    assertThat(limit.getDuedate()).isEqualTo(Date.from(begun.toInstant().plus(Duration.ofDays(7))));
    ClockUtil.setCurrentTime(Date.from(begun.toInstant().plus(Duration.ofDays(7)).plusSeconds(1)));
    execute(limit);

    assertThat(ordering).isEnded().hasPassed("EndEvent_NotOrdered").hasNotPassed("Task_OrderChosen");
    assertThat(task(ordering)).isNull();
  }

  private ProcessInstance startAsBackOffice(String organizationId) {
    String definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(CatalogOrderService.PROCESS_KEY).latestVersion().singleResult().getId();
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      return formService.submitStartForm(definition, Map.of("organizationId", organizationId));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void completeAsBackOffice(ProcessInstance ordering, Map<String, Object> chosen) {
    String taskId = taskService.createTaskQuery().processInstanceId(ordering.getId()).singleResult().getId();
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      formService.submitTaskForm(taskId, chosen);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static Map<String, Object> chosen(String catalogItemId, String term, String billingCycle, int seats) {
    Map<String, Object> chosen = new HashMap<>();
    chosen.put("category", "Corporate");
    chosen.put("productGroup", "Microsoft 365");
    chosen.put("catalogItemId", catalogItemId);
    chosen.put("termDuration", term);
    chosen.put("billingCycle", billingCycle);
    chosen.put("quantity", seats);
    return chosen;
  }

  private void setPartnerMargin(String percent) {
    Map<String, Object> margin = Map.of("appliesTo", "PARTNER", "kind", "PERCENT", "value", new BigDecimal(percent));
    assertThat(callers.backoffice().exchange("/api/partners/" + customer.partnerId() + "/margins", HttpMethod.PUT,
        ApiCallers.json(margin), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private JsonNode jsonVariable(ProcessInstance instance, String name) throws Exception {
    TypedValue value = runtimeService.getVariableTyped(instance.getId(), name, false);
    assertThat(value.getType().getName()).as("a JSON variable, as Tasklist's forms read one").isEqualTo("json");
    return json.readTree(value.getValue().toString());
  }

  private static Set<String> values(JsonNode list, String field) {
    return StreamSupport.stream(list.spliterator(), false)
        .map(node -> field == null ? node.asText() : node.get(field).asText()).collect(Collectors.toSet());
  }

  private static JsonNode only(JsonNode plans, String catalogItemId, String term, String billingCycle) {
    List<JsonNode> matching = StreamSupport.stream(plans.spliterator(), false)
        .filter(p -> p.get("ofProduct").asText().equals(catalogItemId) && p.get("ofTerm").asText().equals(term)
            && p.get("value").asText().equals(billingCycle))
        .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
