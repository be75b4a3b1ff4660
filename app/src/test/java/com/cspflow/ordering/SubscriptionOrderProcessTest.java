package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.OrderLine;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@CspflowSpringTest
class SubscriptionOrderProcessTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired OrderRepository orders;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired CspPort csp;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ApiCallers callers;
  @Autowired OrderingService ordering;
  @Autowired PlatformTransactionManager transactions;
  SandboxAdmin sandbox;
  Customer customer;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    customer = fixtures.activeCustomer("Contoso AB");
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    sandbox.clearFaults();
  }

  @Test
  void anOrderIsInProgressAtOnceAndFulfilledWhenMicrosoftHasProvisionedIt() {
    ProcessInstance order = start(businessBasic(12));

    SubscriptionOrder stored = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);
    assertThat(stored.product()).isEqualTo("Microsoft 365 Business Basic");
    assertThat(order).isWaitingAt("Task_PlaceOrder");
    execute(job(order));
    assertThat(order).as("placed and checked in one job: still pending at Microsoft")
        .hasPassed("Task_PlaceOrder", "Task_CheckProvisioning")
        .isWaitingAt("TimerEvent_WaitBeforeNextCheck").variables()
        .as("the checks are counted once the order has to wait").containsEntry("provisioningChecks", 1);
    assertThat(jobActivities(order)).as("the next check and the pending limit, nothing else")
        .containsExactlyInAnyOrder("TimerEvent_WaitBeforeNextCheck", "BoundaryEvent_PendingLimit");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);

    sandbox.timeTravel(customer.tenantId(), 2);
    execute(job("TimerEvent_WaitBeforeNextCheck", order));

    SubscriptionOrder fulfilled = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(fulfilled.status()).isEqualTo(SubscriptionOrder.Status.FULFILLED);
    assertThat(jobActivities(order))
        .as("the wait, and its pending limit with it, is left before the mail: a mail outage cannot reach the limit")
        .containsExactly("SubProcess_WaitForProvisioning");
    ordering.markFailed(order.getBusinessKey(), "Stuck at Microsoft");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status())
        .as("a fulfilled order is never marked failed").isEqualTo(SubscriptionOrder.Status.FULFILLED);
    execute(job(order));
    assertThat(order).isEnded().hasPassed("Task_NotifyPartner", "EndEvent_OrderFulfilled")
        .hasNotPassed("Task_MarkOrderFailed");
    assertThat(fulfilled.fulfilledAt()).isNotNull();
    Subscription subscription = subscriptions.find(fulfilled.subscriptionId()).orElseThrow();
    assertThat(subscription.quantity()).isEqualTo(12);
    assertThat(subscription.catalogItemId()).isEqualTo(BUSINESS_BASIC);
    assertThat(subscription.termDuration()).isEqualTo("P1Y");
    assertThat(subscription.startDate()).isNotNull();
    assertThat(subscription.commitmentEndDate()).isAfter(subscription.startDate());
    assertThat(subscription.orderId()).isEqualTo(fulfilled.id());
    assertThat(subscription.autoRenewEnabled()).as("new commerce renews by default").isTrue();
    assertThat(subscription.cancellationAllowedUntil()).isEqualTo(subscription.startDate().plus(Duration.ofHours(168)));
    assertThat(subscription.scheduledNextTerm()).isNull();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(order.getId())
        .activityId("Task_PlaceOrder").count()).as("the history keeps what happened").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(order.getId())
        .activityType("exclusiveGateway").count()).as("but not the gateways passed (AuditedHistory)").isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(order.getId())
        .activityType("startEvent").count()).as("nor the none start events passed").isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(order.getId()).singleResult()
        .getStartActivityId()).as("the instance's own row has where it started").isEqualTo("StartEvent_OrderRequested");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(order.getId())
        .activityId("TimerEvent_WaitBeforeNextCheck").finished().count()).as("the wait it went through").isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableName("requestedBy").count()).as("the order's row and the instance's start user say who ordered")
        .isZero();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(order.getId()).count())
        .as("but not the routine job log (AuditedHistory)").isZero();
  }

  @Test
  void badOrdersAreRefusedWithTheReasonBeforeAnythingIsStored() {
    int before = orders.ofOrganization(customer.organizationId()).size();
    assertRefused(with(businessBasic(12), "organizationId", "nobody"), "organizationId must be an id");
    assertRefused(with(businessBasic(12), "organizationId", java.util.UUID.randomUUID().toString()),
        "organizationId is not a known organization");
    assertRefused(with(businessBasic(12), "organizationId", fixtures.onboardedOrganization("No service AB")),
        "does not have Microsoft 365 active");
    assertRefused(with(businessBasic(12), "category", "Education"), "category 'Education' does not offer");
    assertRefused(with(businessBasic(12), "productGroup", "Teams"), "productGroup 'Teams' does not contain");
    assertRefused(businessBasic(301), "quantity must be between 1 and 300");
    assertRefused(with(businessBasic(1), "termDuration", "P3Y"), "termDuration 'P3Y' is not offered");
    assertRefused(with(businessBasic(1), "termDuration", "P2Y"), "termDuration must be P1M, P1Y or P3Y");
    assertRefused(with(businessBasic(1), "catalogItemId", "nonsense"), "catalogItemId must be a catalog item id");
    assertRefused(with(businessBasic(1), "catalogItemId", "CFQ7TTC0XXXX:0001:CFQ7TTC0XXXX"),
        "catalogItemId is not a product");
    assertThat(orders.ofOrganization(customer.organizationId())).hasSize(before);
  }

  @Test
  void aRejectionMakesTheOrderFailedAndTheBackOfficeRetriesWithCorrectedInput() {
    sandbox.underReview(customer.tenantId(), true);
    ProcessInstance order = start(businessBasic(5));
    execute(job(order));

    assertThat(order).isWaitingAt("Task_HandleFailedOrder").hasPassed("Task_MarkOrderFailed");
    SubscriptionOrder failed = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(failed.status()).isEqualTo(SubscriptionOrder.Status.FAILED);
    assertThat(failed.failureReason()).contains("CSP error");
    assertThat(task(order)).hasCandidateGroup("backoffice");
    assertThat(taskService.getVariables(task(order).getId())).as("what the back office's form shows")
        .containsEntry("orderId", order.getBusinessKey()).containsEntry("quantity", 5);

    sandbox.underReview(customer.tenantId(), false);
    complete(task(order), withVariables("failedOrderDecision", "RETRY", "quantity", 7, "termDuration", "P1M"));
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status())
        .isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);
    execute(job(order));
    sandbox.timeTravel(customer.tenantId(), 2);
    execute(job("TimerEvent_WaitBeforeNextCheck", order));
    execute(job(order));

    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
    SubscriptionOrder fulfilled = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(fulfilled.attempt()).isEqualTo(2);
    assertThat(subscriptions.find(fulfilled.subscriptionId()).orElseThrow().quantity()).isEqualTo(7);
  }

  @Test
  void aFailedOrderCanBeCancelled() {
    sandbox.underReview(customer.tenantId(), true);
    ProcessInstance order = start(businessBasic(5));
    execute(job(order));
    complete(task(order), withVariables("failedOrderDecision", "CANCEL"));

    assertThat(order).isEnded().hasPassed("EndEvent_OrderCancelled");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.CANCELLED);
    sandbox.underReview(customer.tenantId(), false);
  }

  @Test
  void aFailedOrderCompletedWithoutAClearDecisionStaysFailedAndWaiting() {
    sandbox.underReview(customer.tenantId(), true);
    ProcessInstance order = start(businessBasic(5));
    execute(job(order));
    String handle = task(order).getId();

    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      assertThatThrownBy(() -> taskService.complete(handle))
          .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("failedOrderDecision");
      assertThatThrownBy(() -> taskService.complete(handle, Map.of("failedOrderDecision", "cancel")))
          .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("failedOrderDecision");
    } finally {
      identityService.clearAuthentication();
    }
    assertThatThrownBy(() -> taskService.complete(handle, Map.of("failedOrderDecision", "REPEAT")))
        .as("a value no flow is for, where no caller check applies (the Java API)")
        .isInstanceOf(ProcessEngineException.class);

    assertThat(order).isWaitingAt("Task_HandleFailedOrder").hasNotPassed("Task_CancelOrder");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.FAILED);
    sandbox.underReview(customer.tenantId(), false);
  }

  @Test
  void anOrderPendingPastTheLimitGoesToTheBackOfficeWhenTheTimerOnTheWaitsBorderFires() {
    ProcessInstance order = start(businessBasic(3));
    Instant waitStarted = Instant.now();
    execute(job(order));
    Job deadline = jobAt("BoundaryEvent_PendingLimit", order);
    assertThat(deadline.getDuedate().toInstant()).as("cspflow.ordering.pending-limit (24 hours) after the wait began")
        .isBetween(waitStarted.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));

    engineClockAt(deadline.getDuedate().toInstant().minusSeconds(60));
    assertThat(dueJobActivities(order)).as("a minute before the limit").containsExactly("TimerEvent_WaitBeforeNextCheck");
    execute(job("TimerEvent_WaitBeforeNextCheck", order));
    assertThat(order).as("still pending at Microsoft").isWaitingAt("TimerEvent_WaitBeforeNextCheck");

    engineClockAt(deadline.getDuedate().toInstant().plusSeconds(1));
    assertThat(dueJobActivities(order)).contains("BoundaryEvent_PendingLimit");
    execute(jobAt("BoundaryEvent_PendingLimit", order));
    assertThat(order).isWaitingAt("Task_InvestigatePendingOrder").hasPassed("BoundaryEvent_PendingLimit");
    assertThat(taskService.getVariables(task(order).getId())).as("the form shows the order, kept in no variable "
        + "before").containsEntry("orderId", order.getBusinessKey());
    assertThat(jobActivities(order)).as("the wait and its checks ended with the limit").isEmpty();
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);

    complete(task(order), withVariables("pendingDecision", "CHECK_AGAIN"));
    assertThat(jobActivities(order)).as("the check runs in a job of its own, not in Tasklist's request")
        .containsExactly("Task_InvestigatePendingOrder");
    execute(job(order));
    assertThat(order).hasPassed("Task_CheckProvisioning");
    assertThat(jobAt("BoundaryEvent_PendingLimit", order).getDuedate().toInstant()).as("a new wait, a new limit")
        .isAfter(deadline.getDuedate().toInstant().plus(Duration.ofHours(23)));
    sandbox.timeTravel(customer.tenantId(), 2);
    execute(job("TimerEvent_WaitBeforeNextCheck", order));
    execute(job(order));
    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
  }

  @Test
  void anOrderPendingPastTheLimitMayBeMarkedFailed() {
    ProcessInstance order = start(businessBasic(3));
    execute(job(order));
    Job deadline = jobAt("BoundaryEvent_PendingLimit", order);
    engineClockAt(deadline.getDuedate().toInstant().plusSeconds(1));
    execute(deadline);
    complete(task(order), withVariables("pendingDecision", "FAIL", "failureReason", "Stuck at Microsoft"));
    execute(job(order));

    assertThat(order).isWaitingAt("Task_HandleFailedOrder");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().failureReason()).isEqualTo("Stuck at Microsoft");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.FAILED);
  }

  @Test
  void anOrderProvisionedByTheFirstCheckGoesOnWithoutAWaitOrAPendingLimit() {
    ProcessInstance order = start(businessBasic(5));
    placedWhileItsFirstCheckFails(order);
    sandbox.timeTravel(customer.tenantId(), 2);

    execute(job(order));

    assertThat(order).isEnded().hasPassed("Task_CheckProvisioning", "Task_NotifyPartner")
        .hasNotPassed("SubProcess_WaitForProvisioning", "Task_CheckProvisioningAgain");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableName("provisioningChecks").count()).isZero();
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.FULFILLED);
  }

  @Test
  void anOrderMicrosoftCancelsBeforeTheFirstCheckIsFailedWithTheReason() {
    ProcessInstance order = start(businessBasic(3));
    placedWhileItsFirstCheckFails(order);
    sandbox.cancelPendingOrder(customer.tenantId(), orders.find(order.getBusinessKey()).orElseThrow().cspOrderId());

    execute(job(order));

    assertThat(order).isWaitingAt("Task_HandleFailedOrder").hasPassed("Task_MarkOrderFailed")
        .hasNotPassed("SubProcess_WaitForProvisioning");
    SubscriptionOrder failed = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(failed.status()).isEqualTo(SubscriptionOrder.Status.FAILED);
    assertThat(failed.failureReason()).isEqualTo("Microsoft cancelled the order");
  }

  @Test
  void anOrderMicrosoftCancelsWhilePendingIsFailedWithTheReason() {
    ProcessInstance order = start(businessBasic(3));
    execute(job(order));
    sandbox.cancelPendingOrder(customer.tenantId(), orders.find(order.getBusinessKey()).orElseThrow().cspOrderId());

    execute(job("TimerEvent_WaitBeforeNextCheck", order));

    assertThat(order).isWaitingAt("Task_HandleFailedOrder")
        .hasPassed("EndEvent_CancelledByMicrosoft", "BoundaryEvent_CancelledByMicrosoft", "Task_MarkOrderFailed");
    assertThat(jobActivities(order)).as("the pending limit ended with the wait").isEmpty();
    SubscriptionOrder failed = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(failed.status()).isEqualTo(SubscriptionOrder.Status.FAILED);
    assertThat(failed.failureReason()).isEqualTo("Microsoft cancelled the order");
    assertThat(failed.subscriptionId()).isNull();
  }

  @Test
  void aCspOutageBecomesAnIncidentWhileTheOrderStaysInProgressAndVisible() {
    ProcessInstance order = start(businessBasic(4));
    sandbox.failAlways("checkout");
    Job place = managementService.createJobQuery().processInstanceId(order.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(place.getId())).isInstanceOf(RuntimeException.class);
    }

    assertThat(runtimeService.createIncidentQuery().processInstanceId(order.getId()).singleResult().getIncidentMessage())
        .contains("500");
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(order.getId()).failureLog().list())
        .as("each failed attempt stays in the job log, with its stack trace").hasSize(3)
        .allSatisfy(failure -> assertThat(historyService.getHistoricJobLogExceptionStacktrace(failure.getId()))
            .contains("500"));
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(order.getId()).count()).isEqualTo(3);
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);
    assertThat(callers.portal().getForObject("/api/partners/" + customer.partnerId() + "/orders/"
        + order.getBusinessKey(), String.class)).contains("IN_PROGRESS");

    sandbox.clearFaults();
    managementService.setJobRetries(place.getId(), 1);
    execute(job(order));
    assertThat(order).hasPassed("Task_CheckProvisioning").isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    assertThat(ordersAtMicrosoft()).isEqualTo(1);
  }

  @Test
  void aFailingCheckIsRetriedWithoutSendingTheOrderAgain() {
    ProcessInstance order = start(businessBasic(2));
    sandbox.failAlways("get-order"); // also starts the sandbox's call counts afresh
    Job placeAndCheck = managementService.createJobQuery().processInstanceId(order.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(placeAndCheck.getId()))
          .isInstanceOf(RuntimeException.class);
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(order.getId()).singleResult();
    assertThat(incident.getFailedActivityId()).as("Cockpit names the check as what failed")
        .isEqualTo("Task_CheckProvisioning");
    assertThat(incident.getIncidentMessage()).as("on the placing job: the message says the order is there")
        .contains("is placed at Microsoft", "500", "does not order again");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().cspOrderId())
        .as("the placement committed on its own when Microsoft answered").isNotNull();
    assertThat(callsAtMicrosoft("get-order")).isEqualTo(3);
    assertThat(callsAtMicrosoft("checkout")).as("one checkout, not sent again by the retries").isEqualTo(1);

    sandbox.clearFaults();
    managementService.setJobRetries(placeAndCheck.getId(), 1);
    sandbox.timeTravel(customer.tenantId(), 2);
    execute(job(order));
    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
    assertThat(callsAtMicrosoft("get-order")).isEqualTo(1);
    assertThat(callsAtMicrosoft("checkout")).as("checkouts sent again").isZero();
    assertThat(ordersAtMicrosoft()).isEqualTo(1);
  }

  @Test
  void thePlacementCommitsOnItsOwnAndTheCheckAfterItInTheSameJobFulfilsTheOrder() {
    ProcessInstance order = start(businessBasic(3));
    String orderId = order.getBusinessKey();

    // What the placing job does when Microsoft has provisioned the order by its first check (the benchmark's case;
    // these tests' sandbox keeps an order pending until it is told to move on): the order's row is updated by the
    // placement's own transaction, then again by the job's.
    new TransactionTemplate(transactions).executeWithoutResult(job -> {
      OrderRepository.AtMicrosoft placed = ordering.place(orderId);
      assertThat(jdbc.sql("SELECT csp_order_id FROM subscription_order WHERE id = :id").param("id", orderId)
          .query(String.class).single()).as("the placement's commit, seen by the job's transaction")
          .isNotNull().isEqualTo(placed.order().cspOrderId());
      assertThat(placed.tenantId()).isEqualTo(customer.tenantId());
      sandbox.timeTravel(customer.tenantId(), 2);
      // The check takes the order as the placement handed it on (PlacedOrderHandOffTest), without reading it again
      assertThat(ordering.checkProvisioning(placed)).isEqualTo(CspOrder.Status.COMPLETED);
    });

    SubscriptionOrder fulfilled = orders.find(orderId).orElseThrow();
    assertThat(fulfilled.status()).isEqualTo(SubscriptionOrder.Status.FULFILLED);
    assertThat(fulfilled.cspOrderId()).isNotNull();
    assertThat(subscriptions.find(fulfilled.subscriptionId())).isPresent();
    assertThat(ordersAtMicrosoft()).as("placed once").isEqualTo(1);
  }

  @Test
  void anOrderPlacedBeforeTheApplicationDiedIsNotPlacedTwice() {
    ProcessInstance order = start(businessBasic(6));
    SubscriptionOrder stored = orders.find(order.getBusinessKey()).orElseThrow();
    // The first attempt's checkout reached Microsoft, then the node died before its transaction committed:
    CspOrder reachedMicrosoft = csp.placeOrder(stored.requestId(), customer.tenantId(),
        List.of(new OrderLine(BUSINESS_BASIC, 6, "P1Y", "monthly")));

    execute(job(order));

    assertThat(ordersAtMicrosoft()).isEqualTo(1);
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().cspOrderId()).isEqualTo(reachedMicrosoft.orderId());
  }

  @Test
  void concurrentOrdersForOneCustomerDoNotInterfere() throws Exception {
    int count = 4;
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      List<Callable<ProcessInstance>> starts = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        int quantity = i;
        starts.add(() -> start(businessBasic(quantity)));
      }
      List<ProcessInstance> started = new ArrayList<>();
      for (Future<ProcessInstance> future : threads.invokeAll(starts)) {
        started.add(future.get());
      }
      List<Callable<Void>> placements = started.stream().<Callable<Void>>map(instance -> () -> {
        managementService.executeJob(
            managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
        return null;
      }).toList();
      for (Future<Void> future : threads.invokeAll(placements)) {
        future.get();
      }
      sandbox.timeTravel(customer.tenantId(), 2);
      started.forEach(instance -> fixtures.runJobs(instance.getId()));

      assertThat(ordersAtMicrosoft()).isEqualTo(count);
      for (ProcessInstance instance : started) {
        assertThat(instance).isEnded();
        assertThat(orders.find(instance.getBusinessKey()).orElseThrow().status())
            .isEqualTo(SubscriptionOrder.Status.FULFILLED);
      }
      assertThat(started.stream().map(i -> orders.find(i.getBusinessKey()).orElseThrow().subscriptionId()).distinct())
          .hasSize(count);
      assertThat(started.stream().map(i -> subscriptions.find(orders.find(i.getBusinessKey()).orElseThrow()
          .subscriptionId()).orElseThrow().quantity())).containsExactlyInAnyOrder(1, 2, 3, 4);
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Runs the order's first job while Microsoft fails every provisioning check: the order is placed (committed on its
   * own) and the job is left to be retried, so that the test can change the order at Microsoft before its first check.
   */
  private void placedWhileItsFirstCheckFails(ProcessInstance order) {
    sandbox.failAlways("get-order");
    Job placeAndCheck = job(order);
    assertThatThrownBy(() -> managementService.executeJob(placeAndCheck.getId())).isInstanceOf(RuntimeException.class);
    sandbox.clearFaults();
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().cspOrderId()).isNotNull();
    assertThat(order).isWaitingAt("Task_PlaceOrder");
  }

  /** Calls of one operation the sandbox has answered since its faults were last set or cleared. */
  private long callsAtMicrosoft(String operation) {
    Map<String, Number> calls = sandbox.faultStats().get(operation);
    return calls == null ? 0 : calls.get("calls").longValue();
  }

  private long ordersAtMicrosoft() {
    return sandbox.ordersAtMicrosoft(customer.tenantId());
  }

  private Job jobAt(String activityId, ProcessInstance order) {
    return managementService.createJobQuery().processInstanceId(order.getId()).activityId(activityId).singleResult();
  }

  private List<String> jobActivities(ProcessInstance order) {
    return managementService.createJobQuery().processInstanceId(order.getId()).list().stream()
        .map(this::activityOf).toList();
  }

  /** The jobs the job executor would pick up now, by the engine's clock. */
  private List<String> dueJobActivities(ProcessInstance order) {
    return managementService.createJobQuery().processInstanceId(order.getId()).executable().list().stream()
        .map(this::activityOf).toList();
  }

  private String activityOf(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  private void engineClockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private void assertRefused(Map<String, Object> variables, String reason) {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("subscriptionOrder", variables))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining(reason);
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey("subscriptionOrder", variables);
  }

  private Map<String, Object> businessBasic(int quantity) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organizationId", customer.organizationId());
    variables.put("category", "Corporate");
    variables.put("productGroup", "Microsoft 365");
    variables.put("catalogItemId", BUSINESS_BASIC);
    variables.put("quantity", quantity);
    variables.put("termDuration", "P1Y");
    return variables;
  }

  private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
    variables.put(name, value);
    return variables;
  }
}
