package com.cspflow.activation;

import static com.cspflow.support.Fixtures.uniqueDomainPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.GdapRole;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.CspflowSmtpTest;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * "Add the service to a customer" for a customer that has Microsoft 365 already: the invitation carries both the
 * reseller relationship and a GDAP request (admin access), both are followed until the customer has done both, and
 * an approved relationship's roles go to the partner's agent group. Over real SMTP, to read the invitation.
 */
@CspflowSmtpTest
class MigrationProcessTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String INVITATION = "Accept us as your Microsoft 365 partner";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ServiceRepository services;
  @Autowired CustomerRelationshipRepository relationships;
  @Autowired OrganizationDirectory organizations;
  @Autowired JdbcClient jdbc;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired GreenMail greenMail;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired ManagementService managementService;
  @Autowired CspPort csp;
  SandboxAdmin sandbox;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
  }

  @AfterEach
  void resetTheEngineClock() {
    ClockUtil.reset();
  }

  @Test
  void aMigratedCustomerIsActiveOnceItAcceptsAndApprovesAdminAccessWhoseRolesGoToTheAgentGroup() throws Exception {
    String prefix = uniqueDomainPrefix("litware");
    String tenant = sandbox.existingTenant(prefix, "Litware AB",
        SandboxAdmin.subscription(BUSINESS_BASIC, 12), SandboxAdmin.subscription(BUSINESS_BASIC, 3));
    String organization = fixtures.onboardedOrganization("Litware AB");
    ProcessInstance activation = start(organization, prefix);

    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_SendRelationshipInvitation");
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_MailInvitation");
    execute(job(activation));
    assertThat(activation).isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    Job limit = jobAt("BoundaryEvent_AcceptanceLimit", activation);
    assertThat(limit.getDuedate()).as("the deadline the invitation gave the customer, on the wait's border")
        .isEqualTo((Date) runtimeService.getVariable(activation.getId(), "acceptanceDeadline"));
    assertThat(Duration.between(Instant.now(), limit.getDuedate().toInstant()))
        .isBetween(Duration.ofDays(14).minusMinutes(5), Duration.ofDays(14));

    JsonNode invited = relationshipsOver(organization);
    assertThat(invited.path("customerTenantId").asText()).isEqualTo(tenant);
    assertThat(invited.path("reseller").asText()).isEqualTo("INVITED");
    assertThat(invited.path("gdapStatus").asText()).isEqualTo("APPROVAL_PENDING");
    String relationshipId = invited.path("gdapRelationshipId").asText();
    String approvalUrl = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
        + relationshipId;
    assertThat(invited.path("gdapApprovalUrl").asText()).isEqualTo(approvalUrl);
    assertThat(invitationsFor(prefix)).singleElement().satisfies(mail -> assertThat(mail)
        .contains("invType=ResellerRelationship", approvalUrl, "admin access (GDAP)"));
    Map<String, Object> requested = sandbox.gdapRelationships(tenant).get(0);
    assertThat(requested).containsEntry("status", "approvalPending").containsEntry("duration", "P730D")
        .containsEntry("displayName", "cspflow " + prefix);
    assertThat(roles(requested)).containsExactlyInAnyOrder(GdapRole.DIRECTORY_READERS.roleDefinitionId(),
        GdapRole.USER_ADMINISTRATOR.roleDefinitionId(),
        GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR.roleDefinitionId(),
        GdapRole.LICENSE_ADMINISTRATOR.roleDefinitionId());

    checkAgain(activation);
    assertThat(activation).isWaitingAt("TimerEvent_WaitBeforeNextCheck").hasPassed("Task_CheckRelationshipAccepted");
    assertThat(managementService.createJobQuery().processInstanceId(activation.getId()).count())
        .as("a check is the timer's job alone: the next check and the deadline wait").isEqualTo(2);

    sandbox.acceptRelationship(prefix);
    checkAgain(activation);
    assertThat(activation).as("accepted, admin access not approved yet").isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    JsonNode accepted = relationshipsOver(organization);
    assertThat(accepted.path("reseller").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.path("gdapStatus").asText()).isEqualTo("APPROVAL_PENDING");

    sandbox.approveGdap(relationshipId);
    checkAgain(activation);
    assertThat(activation).isWaitingAt("Task_ImportSubscriptions");
    fixtures.runJobs(activation.getId());

    assertThat(activation).isEnded().hasPassed("Task_ImportSubscriptions", "EndEvent_ServiceActive")
        .hasNotPassed("Task_CreateCustomerTenant", "Task_DecideOnMigration");
    M365Service service = services.find(organization).orElseThrow();
    assertThat(service.status()).isEqualTo(M365Service.Status.ACTIVE);
    assertThat(service.tenantId()).isEqualTo(tenant);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE organization_id = :id AND origin = 'MIGRATED'")
        .param("id", organization).query(Long.class).single()).isEqualTo(2);
    List<Map<String, Object>> assignments = (List<Map<String, Object>>) sandbox.gdapRelationships(tenant).get(0)
        .get("accessAssignments");
    assertThat(assignments).singleElement().satisfies(assignment -> {
      assertThat(assignment).containsEntry("status", "active");
      assertThat((Map<String, Object>) assignment.get("accessContainer"))
          .containsEntry("accessContainerId", SandboxProcess.AGENT_GROUP_ID);
      assertThat(roles(assignment)).hasSize(4);
    });
    JsonNode approved = relationshipsOver(organization);
    assertThat(approved.path("gdapStatus").asText()).isEqualTo("ACTIVE");
    assertThat(approved.path("gdapRolesAssignedAt").asText()).isNotBlank();
    assertThat(csp.adminAccess(tenant).isGranted()).as("the admin credentials' check passes for it").isTrue();
  }

  @Test
  void aCustomerThatAcceptsButNeverApprovesAdminAccessGoesToTheBackOfficeWhichMayCancel() throws Exception {
    String prefix = uniqueDomainPrefix("adatum");
    sandbox.existingTenant(prefix, "Adatum AB");
    String organization = fixtures.onboardedOrganization("Adatum AB");
    ProcessInstance activation = start(organization, prefix);
    invite(activation);
    sandbox.acceptRelationship(prefix);
    checkAgain(activation);

    reachTheAcceptanceLimit(activation);

    assertThat(activation).isWaitingAt("Task_DecideOnMigration").hasNotPassed("Task_ImportSubscriptions")
        .variables().containsEntry("relationshipAccepted", true).containsEntry("adminAccessApproved", false);
    assertThat((String) runtimeService.getVariable(activation.getId(), "migrationWaitingFor"))
        .contains("not approved the admin access (GDAP) request", "APPROVAL_PENDING")
        .doesNotContain("reseller relationship");
    complete(task(activation), withVariables("migrationDecision", "CANCEL", "cancelReason",
        "No admin access: we do not take customers we cannot support"));

    assertThat(activation).isEnded().hasPassed("EndEvent_ActivationCancelled");
    assertThat(services.find(organization).orElseThrow().status()).isEqualTo(M365Service.Status.CANCELLED);
    assertThat(relationshipsOver(organization).path("gdapRolesAssignedAt").isNull()).isTrue();
  }

  @Test
  void aMigrationThatWaitsTooLongGoesToTheBackOfficeWhoseReminderResendsThePendingRequest() throws Exception {
    String prefix = uniqueDomainPrefix("northwind");
    sandbox.existingTenant(prefix, "Northwind AB");
    String organization = fixtures.onboardedOrganization("Northwind AB");
    ProcessInstance activation = start(organization, prefix);
    invite(activation);
    String firstRequest = relationships.find(organization).orElseThrow().gdapRelationshipId();
    checkAgain(activation);

    reachTheAcceptanceLimit(activation);
    assertThat(activation).isWaitingAt("Task_DecideOnMigration").hasPassed("BoundaryEvent_AcceptanceLimit");
    assertThat(managementService.createJobQuery().processInstanceId(activation.getId()).count())
        .as("the checks ended with the wait").isZero();
    assertThat((String) runtimeService.getVariable(activation.getId(), "migrationWaitingFor"))
        .contains("not accepted the reseller relationship", "not approved the admin access");

    complete(task(activation), withVariables("migrationDecision", "REMIND"));
    assertThat(activation).isWaitingAt("Task_SendRelationshipInvitation");
    execute(job(activation));
    execute(job(activation));

    CustomerRelationships reminded = relationships.find(organization).orElseThrow();
    assertThat(reminded.gdapRelationshipId()).as("the pending request is sent again").isEqualTo(firstRequest);
    assertThat(reminded.gdapRequests()).isEqualTo(1);
    assertThat(invitationsFor(prefix)).hasSize(2).allSatisfy(mail -> assertThat(mail).contains(firstRequest));

    reachTheAcceptanceLimit(activation);
    complete(task(activation), withVariables("migrationDecision", "CANCEL", "cancelReason", "Customer stays"));
    assertThat(activation).isEnded().hasPassed("EndEvent_ActivationCancelled");
    assertThat(services.find(organization).orElseThrow().statusReason()).isEqualTo("Customer stays");
  }

  @Test
  void migratingADomainWithoutATenantIsCancelledWithAClearReason() {
    String organization = fixtures.onboardedOrganization("Nobody AB");
    String prefix = uniqueDomainPrefix("nobody");
    ProcessInstance activation = start(organization, prefix);
    execute(job(activation));

    assertThat(activation).isEnded().hasPassed("EndEvent_ActivationCancelled")
        .hasNotPassed("Task_SendRelationshipInvitation");
    assertThat(services.find(organization).orElseThrow().statusReason())
        .contains("no Microsoft 365 tenant on " + prefix + ".onmicrosoft.com");
    assertThat(relationships.find(organization)).isEmpty();
  }

  @Test
  void aMailOutageHoldsOnlyTheInvitationMailWhichGoesOutOnceAfterRecovery() throws Exception {
    String prefix = uniqueDomainPrefix("tailspin");
    String tenant = sandbox.existingTenant(prefix, "Tailspin AB");
    String organization = fixtures.onboardedOrganization("Tailspin AB");
    ProcessInstance activation = start(organization, prefix);
    execute(job(activation));
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_MailInvitation");
    String requested = relationships.find(organization).orElseThrow().gdapRelationshipId();

    mailSender.setPort(closedPort());
    try {
      Job mail = managementService.createJobQuery().processInstanceId(activation.getId()).singleResult();
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(mail.getId())).isInstanceOf(RuntimeException.class);
      }
      assertThat(runtimeService.createIncidentQuery().processInstanceId(activation.getId()).singleResult()
          .getIncidentMessage()).contains("could not be sent", "retry this job");
      assertThat(sandbox.gdapRelationships(tenant)).as("GDAP requests while the mail failed").hasSize(1);

      mailSender.setPort(greenMail.getSmtp().getPort());
      managementService.setJobRetries(mail.getId(), 1);
      execute(job(activation));
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }

    assertThat(activation).isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    assertThat(invitationsFor(prefix)).singleElement().satisfies(mail -> assertThat(mail).contains(requested));
    assertThat(sandbox.gdapRelationships(tenant)).hasSize(1);
  }

  /** The tenant check's job, the invitation's (GDAP request recorded), then its mail's. */
  private void invite(ProcessInstance activation) {
    execute(job(activation));
    execute(job(activation));
    execute(job(activation));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wait's timer job, which is the check. */
  private void checkAgain(ProcessInstance activation) {
    execute(job("TimerEvent_WaitBeforeNextCheck", activation));
  }

  /**
   * The engine's clock reaches the deadline the invitation gave: the timer on the wait's border falls due (not a
   * second before) and fires.
   */
  private void reachTheAcceptanceLimit(ProcessInstance activation) {
    Job limit = jobAt("BoundaryEvent_AcceptanceLimit", activation);
    ClockUtil.setCurrentTime(Date.from(limit.getDuedate().toInstant().minusSeconds(1)));
    assertThat(dueJobs(activation)).doesNotContain(limit.getId());
    ClockUtil.setCurrentTime(Date.from(limit.getDuedate().toInstant().plusSeconds(1)));
    assertThat(dueJobs(activation)).contains(limit.getId());
    managementService.executeJob(limit.getId());
  }

  private Job jobAt(String activityId, ProcessInstance activation) {
    return managementService.createJobQuery().processInstanceId(activation.getId()).activityId(activityId)
        .singleResult();
  }

  private List<String> dueJobs(ProcessInstance activation) {
    return managementService.createJobQuery().processInstanceId(activation.getId()).executable().list().stream()
        .map(Job::getId).toList();
  }

  private ProcessInstance start(String organization, String prefix) {
    Map<String, Object> variables = new HashMap<>(Map.of("organizationId", organization, "mode", "MIGRATE",
        "domainPrefix", prefix, "agreementConfirmed", true, "confirmedBy", "anna.reseller"));
    return runtimeService.startProcessInstanceByKey("serviceActivation", variables);
  }

  /** The organization's relationships as the project API shows them to the back office. */
  private JsonNode relationshipsOver(String organization) {
    return callers.backoffice().getForObject("/api/partners/" + organizations.partnerOf(organization).orElseThrow()
        + "/organizations/" + organization, JsonNode.class).path("relationships");
  }

  private List<String> invitationsFor(String prefix) throws Exception {
    List<String> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      String content = message.getContent().toString();
      if (INVITATION.equals(message.getSubject()) && content.contains(prefix + ".onmicrosoft.com")) {
        mails.add(content);
      }
    }
    return mails;
  }

  private static List<String> roles(Map<String, Object> entity) {
    Map<String, Object> details = (Map<String, Object>) entity.get("accessDetails");
    return ((List<Map<String, Object>>) details.get("unifiedRoles")).stream()
        .map(role -> (String) role.get("roleDefinitionId")).toList();
  }
}
