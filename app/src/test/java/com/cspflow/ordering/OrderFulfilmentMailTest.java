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
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The partner's mail is sent by the check that finds the order provisioned, in that check's transaction:
 * one mail when it works, and when the mail server is down the check is retried as a whole and the order
 * stays In progress until the mail has gone out.
 */
@CspflowSmtpTest
class OrderFulfilmentMailTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired OrderRepository orders;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired GreenMail greenMail;
  @Autowired JavaMailSenderImpl mailSender;
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

    assertThat(order).isEnded().hasPassed("Task_NotifyPartner", "EndEvent_OrderFulfilled");
    assertThat(mailsAbout(order)).singleElement().asString()
        .contains("is fulfilled", "Microsoft 365 Business Basic", "Fabrikam AB",
            orders.find(order.getBusinessKey()).orElseThrow().subscriptionId());
  }

  @Test
  void aMailOutageRetriesTheCheckThenAnIncidentAndTheOrderStaysInProgressUntilTheMailIsSent() throws Exception {
    ProcessInstance order = placedAndProvisioned();
    Job check = managementService.createJobQuery().processInstanceId(order.getId()).singleResult();

    mailSender.setPort(closedPort());
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(check.getId())).isInstanceOf(RuntimeException.class);
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(order.getId()).singleResult().getActivityId())
        .isEqualTo("Task_CheckProvisioning");
    SubscriptionOrder waiting = orders.find(order.getBusinessKey()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(SubscriptionOrder.Status.IN_PROGRESS);
    assertThat(waiting.subscriptionId()).isNull();

    mailSender.setPort(greenMail.getSmtp().getPort());
    managementService.setJobRetries(check.getId(), 1);
    execute(job(order));

    assertThat(order).isEnded().hasPassed("EndEvent_OrderFulfilled");
    assertThat(orders.find(order.getBusinessKey()).orElseThrow().status())
        .isEqualTo(SubscriptionOrder.Status.FULFILLED);
    assertThat(mailsAbout(order)).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE order_id = :id")
        .param("id", order.getBusinessKey()).query(Long.class).single()).isEqualTo(1);
  }

  /** Started, placed, and provisioned at Microsoft: the next job is the check that finds it completed. */
  private ProcessInstance placedAndProvisioned() {
    ProcessInstance order = runtimeService.startProcessInstanceByKey("subscriptionOrder", Map.of(
        "organizationId", customer.organizationId(), "category", "Corporate", "productGroup", "Microsoft 365",
        "catalogItemId", SubscriptionOrderProcessTest.BUSINESS_BASIC, "quantity", 2, "termDuration", "P1Y"));
    execute(job(order));
    sandbox.timeTravel(customer.tenantId(), 2);
    assertThat(order).isWaitingAt("Task_CheckProvisioning");
    return order;
  }

  private List<String> mailsAbout(ProcessInstance order) throws Exception {
    List<String> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      String text = message.getContent().toString();
      if (text.contains(order.getBusinessKey())) {
        mails.add(text);
      }
    }
    return mails;
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
