package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.support.CspflowSmtpTest;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.SandboxAdmin;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partner's mail goes out in the job of the check that finds the order provisioned, after that check has committed
 * the order as Fulfilled with its subscription and charge: the order stays Fulfilled whatever the mail server does; the
 * job is retried without ordering or recording anything again, then becomes an incident, and the mail is sent once.
 */
@CspflowSmtpTest
class OrderFulfilmentMailTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired OrderRepository orders;
  @Autowired OrderingService ordering;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired GreenMail greenMail;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired PlatformTransactionManager transactions;
  SandboxAdmin sandbox;
  Customer customer;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    customer = fixtures.activeCustomer("Fabrikam AB");
  }

  @AfterEach
  void tearDown() {
    mailSender.setPort(greenMail.getSmtp().getPort());
  }

  @Test
  void thePartnerGetsOneMailWhenTheOrderIsFulfilled() throws Exception {
    ProcessInstance order = placedAndProvisioned();

    execute(job(order));

    assertThat(order).as("checked, fulfilled and mailed in one job").isEnded()
        .hasPassed("Task_CheckProvisioning", "Task_NotifyPartner", "EndEvent_OrderFulfilled");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(order.getId())
        .variableName("provisioningChecks").count()).as("provisioned at the first check: no count of checks stored")
        .isZero();
    List<MimeMessage> mails = mailsAbout(order);
    assertThat(mails).singleElement().satisfies(mail -> {
      assertThat(mail.getContent().toString()).contains("is fulfilled", "Microsoft 365 Business Basic",
          "Fabrikam AB", orders.find(order.getBusinessKey()).orElseThrow().subscriptionId());
      assertThat(mail.getMessageID()).isEqualTo("<order-fulfilled." + order.getBusinessKey() + "@cspflow>");
    });
  }

  @Test
  void aMailOutageLeavesTheOrderFulfilledAndTheMailAnIncidentThenOneMailAfterRecovery() throws Exception {
    ProcessInstance order = placedAndProvisioned();
    mailSender.setPort(closedPort());

    Job job = job(order);
    Date firstAttempt = new Date();
    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);

    SubscriptionOrder fulfilled = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(fulfilled.status()).as("committed before the mail").isEqualTo(SubscriptionOrder.Status.FULFILLED);
    assertThat(fulfilled.subscriptionId()).isNotNull();
    assertThat(subscriptionsOf(order)).isEqualTo(1);
    assertThat(chargesOf(order)).isEqualTo(1);
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate())
        .as("the next attempt waits, by the engine's default cycle (the task has none of its own)")
        .isAfter(firstAttempt);
    long checksAtMicrosoft = callsAtMicrosoft("get-order");
    for (int attempt = 1; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }
    assertThat(callsAtMicrosoft("get-order")).as("a retry does not ask Microsoft again").isEqualTo(checksAtMicrosoft);
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(order.getId()).singleResult();
    assertThat(incident.getFailedActivityId()).isEqualTo("Task_NotifyPartner");
    assertThat(incident.getIncidentMessage()).contains("is fulfilled and recorded", "could not be sent",
        "retry this job", "neither orders nor records the order again");
    assertThat(mailsAbout(order)).isEmpty();
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status())
        .isEqualTo(SubscriptionOrder.Status.FULFILLED);

    mailSender.setPort(greenMail.getSmtp().getPort());
    managementService.setJobRetries(job.getId(), 1);
    execute(job(order));

    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
    assertThat(mailsAbout(order)).hasSize(1);
    assertThat(subscriptionsOf(order)).isEqualTo(1);
    assertThat(chargesOf(order)).isEqualTo(1);
  }

  @Test
  void aMailServerThatDoesNotAnswerFailsTheJobInsteadOfHoldingIt() {
    assertThat(mailSender.getJavaMailProperties()).as("JavaMail waits for ever by default")
        .containsEntry("mail.smtp.connectiontimeout", "5000").containsEntry("mail.smtp.timeout", "10000")
        .containsEntry("mail.smtp.writetimeout", "10000");
  }

  @Test
  void aMailTheServerTookIsNotSentAgainWhenItsJobRunsAgainAfterARollback() throws Exception {
    ProcessInstance order = placedAndProvisioned();
    // The job's earlier run: the check records the order as Fulfilled, the server takes the mail, then the job's
    // transaction rolls back (a node killed before the commit, a failure after the mail), so the job is run again.
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      ordering.checkProvisioning(order.getBusinessKey());
      ordering.notifyPartner(order.getBusinessKey());
      status.setRollbackOnly();
    });
    assertThat(mailsAbout(order)).hasSize(1);

    execute(job(order));

    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
    assertThat(mailsAbout(order)).as("mails after the job ran again").hasSize(1);
    assertThat(subscriptionsOf(order)).as("recorded once").isEqualTo(1);
    assertThat(chargesOf(order)).isEqualTo(1);
  }

  /**
   * Started, placed, and provisioned at Microsoft: the next run of its first job (placing it failed at the check
   * that follows, so the job is retried) finds it placed and completed.
   */
  private ProcessInstance placedAndProvisioned() {
    ProcessInstance order = runtimeService.startProcessInstanceByKey("subscriptionOrder", Map.of(
        "organizationId", customer.organizationId(), "category", "Corporate", "productGroup", "Microsoft 365",
        "catalogItemId", SubscriptionOrderProcessTest.BUSINESS_BASIC, "quantity", 2, "termDuration", "P1Y"));
    sandbox.failAlways("get-order");
    Job placeAndCheck = job(order);
    assertThatThrownBy(() -> managementService.executeJob(placeAndCheck.getId())).isInstanceOf(RuntimeException.class);
    sandbox.clearFaults();
    sandbox.timeTravel(customer.tenantId(), 2);
    assertThat(order).isWaitingAt("Task_PlaceOrder");
    return order;
  }

  private List<MimeMessage> mailsAbout(ProcessInstance order) throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      if (message.getContent().toString().contains(order.getBusinessKey())) {
        mails.add(message);
      }
    }
    return mails;
  }

  private long subscriptionsOf(ProcessInstance order) {
    return jdbc.sql("SELECT COUNT(*) FROM subscription WHERE order_id = :id").param("id", order.getBusinessKey())
        .query(Long.class).single();
  }

  private long chargesOf(ProcessInstance order) {
    return jdbc.sql("SELECT COUNT(*) FROM charge_line l JOIN subscription s ON s.id = l.subscription_id"
        + " WHERE s.order_id = :id").param("id", order.getBusinessKey()).query(Long.class).single();
  }

  private long callsAtMicrosoft(String operation) {
    Map<String, Number> calls = sandbox.faultStats().get(operation);
    return calls == null ? 0 : calls.get("calls").longValue();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
