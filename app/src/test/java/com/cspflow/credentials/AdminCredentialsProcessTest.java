package com.cspflow.credentials;

import static com.cspflow.support.Fixtures.uniqueDomainPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.activation.M365Service;
import com.cspflow.credentials.CredentialsAttempt.Outcome;
import com.cspflow.credentials.RefusingSmtpServer.Refusal;
import com.cspflow.csp.GdapRole;
import com.cspflow.support.SandboxProcess;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.support.CspflowSmtpTest;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@CspflowSmtpTest
@ExtendWith(OutputCaptureExtension.class)
class AdminCredentialsProcessTest {

  private static final Pattern PASSWORD_LINE = Pattern.compile("Password:\\s+(\\S+)");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired ServiceRepository services;
  @Autowired AdminCredentialsService credentials;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired OrganizationDirectory organizations;
  @Autowired GreenMail greenMail;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  SandboxAdmin sandbox;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
  }

  @AfterEach
  void tearDown() {
    mailSender.setPort(greenMail.getSmtp().getPort());
    identityService.clearAuthentication();
  }

  @Test
  void theFirstRequestResetsThePasswordOnceAndMailsItToTheGivenAddress() throws Exception {
    M365Service service = activeService("Contoso AB");
    String to = address("it");
    ProcessInstance request = request(service.organizationId(), to, "backoffice");

    assertThat(request).isWaitingAt("Task_CheckAdminAccess").hasBusinessKey(service.organizationId())
        .variables().containsEntry("adminUserName", service.adminUserName()).containsEntry("issuedBefore", false);
    execute(job(request));
    assertThat(request).isWaitingAt("Task_ResetAdminPassword").variables().containsEntry("adminAccessGranted", true);
    execute(job(request));

    assertThat(request).isEnded().hasPassed("Task_CheckAdminAccess", "Task_ResetAdminPassword",
        "EndEvent_CredentialsSent").hasNotPassed("Task_SendAdminUserName", "Task_ArrangeAdminAccess");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertThat(sandbox.mustChangePassword(service.tenantId(), service.adminUserName())).isTrue();
    String mail = onlyMailTo(to);
    assertThat(mail).contains("User name: " + service.adminUserName(), "Contoso AB", "once only");
    assertStrong(password(mail));

    CredentialsIssue issue = credentials.issue(service.organizationId()).orElseThrow();
    assertThat(issue.issuedTo()).isEqualTo(to);
    assertThat(issue.issuedBy()).isEqualTo("backoffice");
    assertThat(issue.issuedAt()).isNotNull();
    ResponseEntity<Map> view = callers.backoffice().getForEntity(credentialsPath(service.organizationId()), Map.class);
    assertThat(view.getBody()).containsEntry("adminUserName", service.adminUserName())
        .containsEntry("issuedTo", to).containsEntry("issuedBy", "backoffice").containsEntry("sent", true)
        .doesNotContainKey("password");
    assertThat((List<Map<String, Object>>) view.getBody().get("attempts")).singleElement().satisfies(attempt ->
        assertThat(attempt).containsEntry("requestedBy", "backoffice").containsEntry("recipient", to)
            .containsEntry("outcome", "SENT").containsKey("attemptedAt"));
  }

  @Test
  void aNodeThatDiesAfterTheMailServerTookThePasswordLeavesItSpentAndTheJobTakenOverSendsNothingMore()
      throws Exception {
    M365Service service = activeService("Contoso AB");
    String to = address("it");
    ProcessInstance request = request(service.organizationId(), to, "backoffice");
    execute(job(request));
    assertThat(request).isWaitingAt("Task_ResetAdminPassword");

    // The reset job's work, in a transaction that never commits: the node died right after the mail went out.
    new TransactionTemplate(transactions).executeWithoutResult(dying -> {
      credentials.issueFirst(service.organizationId(), request.getId());
      dying.setRollbackOnly();
    });
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).as("spent with the mail").isTrue();
    execute(job(request));

    assertThat(request).isEnded().hasPassed("EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertThat(onlyMailTo(to)).contains("Password:");
  }

  @Test
  void aNodeThatDiesBeforeTheMailServerAnswersLeavesTheBackOfficeToAskTheRecipientAndAnArrivedMailIsSpent()
      throws Exception {
    M365Service service = activeService("Handover AB");
    String to = address("it");
    ProcessInstance request = request(service.organizationId(), to, "backoffice");
    execute(job(request));
    Instant handedOver = diesAfterTheMailServerTookTheMailBeforeItsAnswerIsRecorded(service, request);
    String firstPassword = password(onlyMailTo(to));

    execute(job(request));

    assertThat(request).isWaitingAt("Task_AskWhetherPasswordArrived").hasNotPassed("EndEvent_CredentialsSent");
    assertThat(task(request)).hasCandidateGroup("backoffice");
    assertThat((String) runtimeService.getVariable(request.getId(), "deliveryQuestion"))
        .contains(to, "may have arrived", "Ask the recipient");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).as("only the dead run's")
        .isEqualTo(1);
    assertThat(password(onlyMailTo(to))).isEqualTo(firstPassword);
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).isFalse();
    assertThat(request(service.organizationId(), address("meanwhile"), "portal")).as("a later request meanwhile")
        .isWaitingAt("Task_SendAdminUserName");

    answerWhetherThePasswordArrived(request, "ARRIVED");

    assertThat(request).isEnded().hasPassed("Task_RecordPasswordArrival", "EndEvent_PasswordArrived")
        .hasNotPassed("EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertThat(password(onlyMailTo(to))).isEqualTo(firstPassword);
    CredentialsIssue issue = credentials.issue(service.organizationId()).orElseThrow();
    assertThat(issue.sent()).isTrue();
    assertThat(issue.issuedAt()).isEqualTo(handedOver);
    assertThat(credentials.attempts(service.organizationId()))
        .extracting(CredentialsAttempt::requestedBy, CredentialsAttempt::outcome)
        .containsExactly(org.assertj.core.api.Assertions.tuple("backoffice", Outcome.DELIVERY_UNKNOWN),
            org.assertj.core.api.Assertions.tuple("backoffice", Outcome.CONFIRMED_ARRIVED));
  }

  @Test
  void aMailOfUnknownDeliveryThatNeverArrivedIsSentAgainWithANewPassword() throws Exception {
    M365Service service = activeService("Lost Handover AB");
    String to = address("it");
    ProcessInstance request = request(service.organizationId(), to, "portal");
    execute(job(request));
    diesAfterTheMailServerTookTheMailBeforeItsAnswerIsRecorded(service, request);
    String lost = password(onlyMailTo(to));
    greenMail.purgeEmailFromAllMailboxes();
    execute(job(request));
    assertThat(request).isWaitingAt("Task_AskWhetherPasswordArrived");

    // An administrator's answer over Camunda's REST API, as the reliability harness gives it
    ResponseEntity<String> answered = callers.admin().postForEntity("/engine-rest/task/" + task(request).getId()
        + "/complete", ApiCallers.json("{\"variables\": {\"arrival\": {\"value\": \"NOT_ARRIVED\"}}}"), String.class);
    assertThat(answered.getStatusCode().value()).as(answered.getBody()).isEqualTo(204);
    fixtures.runJobs(request.getId());

    assertThat(request).isEnded().hasPassed("Task_RecordPasswordArrival", "Task_CheckAdminAccess",
        "EndEvent_CredentialsSent").hasNotPassed("EndEvent_PasswordArrived", "Task_ChangeRecipient");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(2);
    String sent = password(onlyMailTo(to));
    assertStrong(sent);
    assertThat(sent).isNotEqualTo(lost);
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).isTrue();
    assertThat(credentials.attempts(service.organizationId()))
        .extracting(CredentialsAttempt::requestedBy, CredentialsAttempt::outcome)
        .containsExactly(org.assertj.core.api.Assertions.tuple("client:portal", Outcome.DELIVERY_UNKNOWN),
            org.assertj.core.api.Assertions.tuple("admin", Outcome.NOT_ARRIVED),
            org.assertj.core.api.Assertions.tuple("client:portal", Outcome.SENT));
  }

  @Test
  void theMailIsOnRecordAsHandedOverBeforeTheMailServerHasItAndNoLongerOnceItFailed() throws Exception {
    M365Service service = activeService("Handover Record AB");
    ProcessInstance request = request(service.organizationId(), address("it"), "backoffice");
    execute(job(request));
    List<Object> seenByAnotherNode = new ArrayList<>();
    try (RefusingSmtpServer refusing = new RefusingSmtpServer().whenMessageArrives(() -> seenByAnotherNode.add(
        new JdbcTemplate(dataSource).queryForObject("SELECT mail_handed_over_at FROM admin_credentials_issue "
            + "WHERE organization_id = ?", Timestamp.class, service.organizationId())))) {
      mailSender.setPort(refusing.port());
      assertThatThrownBy(() -> managementService.executeJob(job(request).getId()))
          .isInstanceOf(CredentialsMailNotSent.class);
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }

    assertThat(seenByAnotherNode).singleElement().isNotNull();
    assertThat(credentials.issue(service.organizationId()).orElseThrow().mailHandedOverAt()).isNull();
    fixtures.runJobs(request.getId());
    assertThat(request).isEnded().hasPassed("EndEvent_CredentialsSent");
  }

  @Test
  void aMailServerThatTookTheMailAndThenFailsToSayGoodbyeCountsAsSentWithoutASecondPassword() throws Exception {
    M365Service service = activeService("Silent Server AB");
    String to = address("it");
    ProcessInstance request = request(service.organizationId(), to, "backoffice");
    execute(job(request));
    Properties settings = mailSender.getJavaMailProperties();
    Properties impatient = new Properties();
    impatient.putAll(settings);
    impatient.setProperty("mail.smtp.timeout", "1000");
    try (RefusingSmtpServer silent = new RefusingSmtpServer(Refusal.SILENT_AFTER_TAKING)) {
      mailSender.setJavaMailProperties(impatient);
      mailSender.setPort(silent.port());
      execute(job(request));
      assertThat(silent.received()).singleElement().asString().contains("Password:");
    } finally {
      mailSender.setJavaMailProperties(settings);
      mailSender.setPort(greenMail.getSmtp().getPort());
    }

    assertThat(request).isEnded().hasPassed("EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).isTrue();
    assertThat(credentials.attempts(service.organizationId())).extracting(CredentialsAttempt::outcome)
        .containsExactly(Outcome.SENT);
  }

  @Test
  void aLaterRequestGetsTheUserNameOnlyWithWhenAndToWhomWithoutAReset() throws Exception {
    M365Service service = activeService("Fabrikam AB");
    String first = address("first");
    fixtures.runJobs(request(service.organizationId(), first, "backoffice").getId());
    String later = address("later");
    ProcessInstance again = request(service.organizationId(), later, "portal");

    assertThat(again).isWaitingAt("Task_SendAdminUserName")
        .variables().containsEntry("adminUserName", service.adminUserName()).containsEntry("issuedBefore", true);
    execute(job(again));

    assertThat(again).isEnded().hasPassed("EndEvent_UserNameSent").hasNotPassed("Task_ResetAdminPassword");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    String mail = onlyMailTo(later);
    assertThat(mail).contains(service.adminUserName(), "were issued on", "to " + first).doesNotContain("Password:");
    assertThat(credentials.issue(service.organizationId()).orElseThrow().issuedTo()).isEqualTo(first);
  }

  @Test
  void aRequestWhileTheFirstIsStillRunningGetsTheUserNameOnly() throws Exception {
    M365Service service = activeService("Northwind AB");
    String first = address("first");
    ProcessInstance running = request(service.organizationId(), first, "backoffice");
    String second = address("second");
    ProcessInstance meanwhile = request(service.organizationId(), second, "portal");

    assertThat(meanwhile).isWaitingAt("Task_SendAdminUserName");
    execute(job(meanwhile));
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isZero();
    assertThat(onlyMailTo(second)).contains(service.adminUserName(), "are being sent", first)
        .doesNotContain("Password:");

    fixtures.runJobs(running.getId());
    assertThat(running).isEnded().hasPassed("EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertStrong(password(onlyMailTo(first)));
  }

  @Test
  void anOrganizationWithoutAnActiveServiceIsRefusedWithTheReason() {
    String withoutService = fixtures.onboardedOrganization("Tailspin AB");
    assertThatThrownBy(() -> request(withoutService, address("it"), "backoffice"))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("organizationId has no Microsoft 365 service");

    String requested = fixtures.onboardedOrganization("Litware AB");
    runtimeService.startProcessInstanceByKey("serviceActivation", Map.of("organizationId", requested,
        "mode", "NEW_TENANT", "domainPrefix", uniqueDomainPrefix("litware"), "agreementConfirmed", true,
        "confirmedBy", "anna.reseller"));
    ResponseEntity<String> refused = startOverRest(requested, address("it"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("organizationId has no active Microsoft 365 service (it is REQUESTED)");

    assertThat(instancesOf(withoutService) + instancesOf(requested)).isZero();
    assertThat(credentials.issue(withoutService)).isEmpty();
    assertThat(credentials.issue(requested)).isEmpty();
  }

  @Test
  void aBadAddressOrAnAnonymousRequestIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
    M365Service service = activeService("Adatum AB");
    ResponseEntity<String> refused = startOverRest(service.organizationId(), "not-an-address");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("recipientEmail must be one e-mail address");

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("adminCredentials",
        Map.of("organizationId", service.organizationId(), "recipientEmail", address("it"))))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("requestedBy is required");

    assertThat(instancesOf(service.organizationId())).isZero();
    assertThat(credentials.issue(service.organizationId())).isEmpty();
  }

  @Test
  void aTemporaryMailFailureRetriesWithANewPasswordThenIsAnIncidentAndAfterRecoveryOnlyTheLastPasswordIsSent()
      throws Exception {
    M365Service service = activeService("Woodgrove AB");
    String to = address("it");
    MailOutage outage = failMail(service, to);

    assertThat(outage.refusedPasswords()).hasSize(3).doesNotHaveDuplicates();
    assertThat(outage.incident().getActivityId()).isEqualTo("Task_ResetAdminPassword");
    assertThat(outage.incident().getIncidentMessage()).contains("could not be sent to " + to, "SMTPSendFailedException");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(3);
    assertThat(greenMail.getReceivedMessages()).noneMatch(message -> to.equals(recipient(message)));

    recover(outage);
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(4);
    assertThat(outage.instance()).isEnded().hasPassed("EndEvent_CredentialsSent");
    String sent = password(onlyMailTo(to));
    assertThat(outage.refusedPasswords()).doesNotContain(sent);
    assertThat(credentials.issue(service.organizationId()).orElseThrow().issuedAt()).isNotNull();
    assertThat(credentials.attempts(service.organizationId())).extracting(CredentialsAttempt::outcome)
        .containsExactly(Outcome.FAILED_TEMPORARILY, Outcome.FAILED_TEMPORARILY, Outcome.FAILED_TEMPORARILY,
            Outcome.SENT);
  }

  @Test
  void twoSimultaneousRequestsResetOnceAndSendOnePassword() throws Exception {
    M365Service service = activeService("Concurrent AB");
    String[] to = {address("one"), address("two")};
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<ProcessInstance>> starts = new ArrayList<>();
    try {
      for (String address : to) {
        starts.add(threads.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return request(service.organizationId(), address, "backoffice");
        }));
      }
      for (Future<ProcessInstance> start : starts) {
        fixtures.runJobs(start.get(30, TimeUnit.SECONDS).getId());
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    List<String> mails = List.of(onlyMailTo(to[0]), onlyMailTo(to[1]));
    assertThat(mails).filteredOn(mail -> mail.contains("Password:")).hasSize(1);
    assertThat(mails).filteredOn(mail -> mail.contains("are being sent") || mail.contains("were issued on"))
        .hasSize(1);
  }

  @Test
  void thePasswordLeavesNoTrace(CapturedOutput output) throws Exception {
    M365Service first = activeService("Trace AB");
    String to = address("trace");
    TestRestTemplate admin = callers.admin();
    List<String> responses = new ArrayList<>();
    ResponseEntity<String> started = startOverRest(first.organizationId(), to);
    responses.add(started.getBody());
    String instanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(first.organizationId())
        .processDefinitionKey("adminCredentials").singleResult().getId();
    fixtures.runJobs(instanceId);
    List<String> passwords = new ArrayList<>(List.of(password(onlyMailTo(to))));

    M365Service second = activeService("Trace Outage AB");
    String outageTo = address("outage");
    MailOutage outage = failMail(second, outageTo);
    ResponseEntity<String> stacktrace = admin.getForEntity("/engine-rest/job/" + outage.job().getId() + "/stacktrace",
        String.class);
    assertThat(stacktrace.getStatusCode()).isEqualTo(HttpStatus.OK);
    responses.add(stacktrace.getBody());
    responses.add(admin.getForEntity("/engine-rest/incident?processInstanceId=" + outage.instance().getId(),
        String.class).getBody());
    assertThat(placesInDatabase(List.of("could not be sent to " + outageTo)))
        .contains("ACT_RU_JOB.EXCEPTION_MSG_", "ACT_RU_INCIDENT.INCIDENT_MSG_", "ACT_GE_BYTEARRAY.BYTES_");
    assertThat(placesInDatabase(outage.refusedPasswords())).as("columns holding a password during the incident")
        .isEmpty();
    recover(outage);
    passwords.addAll(outage.refusedPasswords());
    passwords.add(password(onlyMailTo(outageTo)));

    for (String instance : List.of(instanceId, outage.instance().getId())) {
      responses.add(admin.getForEntity("/engine-rest/history/variable-instance?processInstanceId=" + instance,
          String.class).getBody());
      responses.add(admin.getForEntity("/engine-rest/history/incident?processInstanceId=" + instance,
          String.class).getBody());
      responses.add(admin.getForEntity("/engine-rest/history/process-instance/" + instance, String.class).getBody());
    }
    for (M365Service service : List.of(first, second)) {
      responses.add(callers.portal().getForEntity(credentialsPath(service.organizationId()), String.class).getBody());
    }

    assertThat(passwords).hasSize(5).allSatisfy(AdminCredentialsProcessTest::assertStrong);
    // The scans find what is there: the addresses are in the project's table, the variables and the answers.
    assertThat(placesInDatabase(List.of(to))).contains("ADMIN_CREDENTIALS_ISSUE.ISSUED_TO", "ACT_HI_VARINST.TEXT_");
    assertThat(String.join("\n", responses)).contains(to, outageTo, first.adminUserName());
    assertThat(output.getAll()).contains("Mail 'Your Microsoft 365 administrator sign-in' sent to " + to);
    assertThat(placesInDatabase(passwords)).as("columns holding a password").isEmpty();
    for (String password : passwords) {
      assertThat(responses).as("REST answers").noneMatch(body -> body.contains(password));
      assertThat(output.getAll()).as("log output").doesNotContain(password);
    }
  }

  @Test
  void withoutAnActiveGdapRelationshipTheBackOfficeIsToldToGetOneApprovedAndNothingIsReset() throws Exception {
    M365Service service = activeService("No Relationship AB");
    sandbox.endGdap(service.tenantId());

    ProcessInstance request = waitForAdminAccess(service, address("it"));

    assertThat(request).variables().containsEntry("adminAccessMissing", "RELATIONSHIP");
    assertThat((String) runtimeService.getVariable(request.getId(), "adminAccessProblem"))
        .contains("no active GDAP relationship", service.tenantId(), "Privileged Authentication Administrator",
            "Directory Readers");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isZero();

    sandbox.gdap(service.tenantId(), List.of(GdapRole.DIRECTORY_READERS,
        GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR), true);
    String to = (String) runtimeService.getVariable(request.getId(), "recipientEmail");
    decideOnAccess(request, "CHECK_AGAIN");
    fixtures.runJobs(request.getId());

    assertThat(request).isEnded().hasPassed("Task_ArrangeAdminAccess", "EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
    assertStrong(password(onlyMailTo(to)));
  }

  @Test
  void aRelationshipWithoutPrivilegedAuthenticationAdministratorIsReportedAsTheMissingRole() throws Exception {
    M365Service service = activeService("Missing Role AB");
    sandbox.gdap(service.tenantId(), List.of(GdapRole.USER_ADMINISTRATOR, GdapRole.DIRECTORY_READERS), true);

    ProcessInstance request = waitForAdminAccess(service, address("it"));

    assertThat(request).variables().containsEntry("adminAccessMissing", "ROLE");
    assertThat((String) runtimeService.getVariable(request.getId(), "adminAccessProblem"))
        .contains("hold none of Privileged Authentication Administrator", "administrator's password");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isZero();
  }

  @Test
  void rolesNotAssignedToTheAgentGroupAreReportedAndTheRequestResumesOnceTheyAre() throws Exception {
    M365Service service = activeService("Unassigned AB");
    List<GdapRole> roles = List.of(GdapRole.DIRECTORY_READERS, GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR);
    sandbox.gdap(service.tenantId(), roles, false);

    ProcessInstance request = waitForAdminAccess(service, address("it"));
    assertThat(request).variables().containsEntry("adminAccessMissing", "GROUP_ASSIGNMENT");
    assertThat((String) runtimeService.getVariable(request.getId(), "adminAccessProblem"))
        .contains("not assigned to the agent security group " + SandboxProcess.AGENT_GROUP_ID);

    decideOnAccess(request, "CHECK_AGAIN");
    execute(job(request));
    assertThat(request).isWaitingAt("Task_ArrangeAdminAccess").as("still not assigned: asked again");

    sandbox.gdap(service.tenantId(), roles, true);
    decideOnAccess(request, "CHECK_AGAIN");
    fixtures.runJobs(request.getId());
    assertThat(request).isEnded().hasPassed("EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(1);
  }

  @Test
  void withdrawingARequestWithoutAdminAccessReleasesTheIssue() {
    M365Service service = activeService("Withdrawn Access AB");
    sandbox.endGdap(service.tenantId());
    ProcessInstance request = waitForAdminAccess(service, address("it"));

    decideOnAccess(request, "WITHDRAW");

    assertThat(request).isEnded().hasPassed("Task_WithdrawRequest", "EndEvent_RequestWithdrawn")
        .hasNotPassed("Task_ResetAdminPassword");
    assertThat(credentials.issue(service.organizationId())).isEmpty();
    assertThat(request(service.organizationId(), address("again"), "backoffice")).isWaitingAt("Task_CheckAdminAccess")
        .variables().containsEntry("issuedBefore", false);
  }

  @Test
  void anAddressTheMailServerRefusesForGoodLeavesTheIssueUnspentUntilTheBackOfficeCorrectsIt() throws Exception {
    M365Service service = activeService("Refused Recipient AB");
    String wrong = address("typo");
    ProcessInstance request = request(service.organizationId(), wrong, "portal");
    execute(job(request));
    try (RefusingSmtpServer refusing = new RefusingSmtpServer(Refusal.UNKNOWN_RECIPIENT)) {
      mailSender.setPort(refusing.port());
      execute(job(request));
      assertThat(refusing.refusedRecipients()).containsExactly(wrong);
      assertThat(refusing.received()).isEmpty();
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }

    assertThat(request).isWaitingAt("Task_CorrectRecipient").hasNotPassed("EndEvent_CredentialsSent");
    assertThat(task(request)).hasCandidateGroup("backoffice");
    assertThat((String) runtimeService.getVariable(request.getId(), "mailRefusal"))
        .contains(wrong, "for good", "SMTP 550");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).isFalse();
    assertThat(request(service.organizationId(), address("meanwhile"), "backoffice")).as("a later request meanwhile")
        .isWaitingAt("Task_SendAdminUserName");

    String corrected = address("right");
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    complete(task(request), withVariables("correction", "REISSUE", "recipientEmail", corrected));
    identityService.clearAuthentication();
    fixtures.runJobs(request.getId());

    assertThat(request).isEnded().hasPassed("Task_ChangeRecipient", "EndEvent_CredentialsSent");
    assertThat(sandbox.passwordResets(service.tenantId(), service.adminUserName())).isEqualTo(2);
    assertStrong(password(onlyMailTo(corrected)));
    CredentialsIssue issue = credentials.issue(service.organizationId()).orElseThrow();
    assertThat(issue.issuedTo()).isEqualTo(corrected);
    assertThat(issue.issuedBy()).isEqualTo("client:portal");
    assertThat(issue.sent()).isTrue();
    assertThat(credentials.attempts(service.organizationId()))
        .extracting(CredentialsAttempt::recipient, CredentialsAttempt::requestedBy, CredentialsAttempt::outcome)
        .containsExactly(org.assertj.core.api.Assertions.tuple(wrong, "client:portal", Outcome.REFUSED_BY_MAIL_SERVER),
            org.assertj.core.api.Assertions.tuple(corrected, "backoffice", Outcome.SENT));
    Map<?, ?> view = callers.portal().getForEntity(credentialsPath(service.organizationId()), Map.class).getBody();
    assertThat((List<?>) view.get("attempts")).hasSize(2);
    assertThat(view.toString()).doesNotContain("Password");
  }

  @Test
  void withdrawingARefusedRequestLetsALaterRequestIssueThePassword() throws Exception {
    M365Service service = activeService("Withdrawn Refusal AB");
    String wrong = address("typo");
    ProcessInstance request = request(service.organizationId(), wrong, "backoffice");
    execute(job(request));
    try (RefusingSmtpServer refusing = new RefusingSmtpServer(Refusal.UNKNOWN_RECIPIENT)) {
      mailSender.setPort(refusing.port());
      execute(job(request));
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }

    complete(task(request), withVariables("correction", "WITHDRAW"));

    assertThat(request).isEnded().hasPassed("Task_WithdrawRequest", "EndEvent_RequestWithdrawn")
        .hasNotPassed("Task_ChangeRecipient");
    assertThat(credentials.issue(service.organizationId())).isEmpty();
    String later = address("later");
    ProcessInstance again = request(service.organizationId(), later, "backoffice");
    assertThat(again).variables().containsEntry("issuedBefore", false);
    fixtures.runJobs(again.getId());
    assertThat(again).isEnded().hasPassed("EndEvent_CredentialsSent");
    assertStrong(password(onlyMailTo(later)));
    assertThat(credentials.attempts(service.organizationId())).extracting(CredentialsAttempt::outcome)
        .containsExactly(Outcome.REFUSED_BY_MAIL_SERVER, Outcome.SENT);
  }

  @Test
  void aCorrectionToSomethingNotAnAddressIsRefusedNamingTheField() throws Exception {
    M365Service service = activeService("Incomplete Correction AB");
    ProcessInstance request = request(service.organizationId(), address("typo"), "backoffice");
    execute(job(request));
    try (RefusingSmtpServer refusing = new RefusingSmtpServer(Refusal.UNKNOWN_RECIPIENT)) {
      mailSender.setPort(refusing.port());
      execute(job(request));
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }
    String taskId = task(request).getId();

    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("correction", "REISSUE",
          "recipientEmail", "not an address"))).isInstanceOf(InvalidProcessInput.class)
          .hasMessageContaining("recipientEmail must be one e-mail address");
      assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("correction", "SOMETIME")))
          .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("correction must be one of REISSUE, WITHDRAW");
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(request).isWaitingAt("Task_CorrectRecipient");
  }

  private Instant diesAfterTheMailServerTookTheMailBeforeItsAnswerIsRecorded(M365Service service,
      ProcessInstance request) {
    return DeadNodeMidSend.leave(credentials, transactions, dataSource, service.organizationId(), request.getId());
  }

  private void answerWhetherThePasswordArrived(ProcessInstance request, String arrival) {
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      complete(task(request), withVariables("arrival", arrival));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** A first request that finds the partner without the admin access it needs: the back office's task. */
  private ProcessInstance waitForAdminAccess(M365Service service, String to) {
    ProcessInstance request = request(service.organizationId(), to, "backoffice");
    execute(job(request));
    assertThat(request).isWaitingAt("Task_ArrangeAdminAccess").hasNotPassed("Task_ResetAdminPassword")
        .variables().containsEntry("adminAccessGranted", false);
    assertThat(task(request)).hasCandidateGroup("backoffice");
    return request;
  }

  private void decideOnAccess(ProcessInstance request, String decision) {
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    try {
      complete(task(request), withVariables("accessDecision", decision));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Three temporarily refused attempts, each a new reset with a new password, end in an incident. */
  private MailOutage failMail(M365Service service, String to) throws Exception {
    ProcessInstance instance = request(service.organizationId(), to, "backoffice");
    execute(job(instance));
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    List<String> refused = new ArrayList<>();
    try (RefusingSmtpServer refusing = new RefusingSmtpServer()) {
      mailSender.setPort(refusing.port());
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(job.getId()))
            .isInstanceOf(CredentialsMailNotSent.class);
      }
      refusing.received().forEach(message -> refused.add(password(message)));
    } finally {
      mailSender.setPort(greenMail.getSmtp().getPort());
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(credentials.issue(service.organizationId()).orElseThrow().sent()).isFalse();
    return new MailOutage(instance, job, incident, refused);
  }

  /** The mail server works again; a process owner retries the job once. */
  private void recover(MailOutage outage) {
    managementService.setJobRetries(outage.job().getId(), 1);
    execute(job(outage.instance()));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(outage.instance().getId()).count()).isZero();
  }

  private record MailOutage(ProcessInstance instance, Job job, Incident incident, List<String> refusedPasswords) {}

  /**
   * "TABLE.COLUMN" for every text or binary column of every table (the engine's and the project's) in which one
   * of {@code texts} occurs. One pass over the whole database, however many texts.
   */
  private Set<String> placesInDatabase(List<String> texts) throws SQLException {
    Set<String> places = new java.util.TreeSet<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String quote = meta.getIdentifierQuoteString();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).as("tables found").anyMatch(t -> t.equalsIgnoreCase("ACT_GE_BYTEARRAY"))
          .anyMatch(t -> t.equalsIgnoreCase("admin_credentials_issue"));
      for (String table : tables) {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, connection.getSchema(), table, "%")) {
          while (rs.next()) {
            if (TEXT_OR_BYTES.contains(rs.getInt("DATA_TYPE"))) {
              columns.add(quote + rs.getString("COLUMN_NAME") + quote);
            }
          }
        }
        if (columns.isEmpty()) {
          continue;
        }
        try (var statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(
                "SELECT " + String.join(", ", columns) + " FROM " + quote + table + quote)) {
          while (rows.next()) {
            for (int i = 1; i <= columns.size(); i++) {
              byte[] bytes = rows.getBytes(i);
              String value = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
              if (value != null && texts.stream().anyMatch(value::contains)) {
                places.add((table + "." + columns.get(i - 1).replace(quote, "")).toUpperCase());
              }
            }
          }
        }
      }
    }
    return places;
  }

  private static final Set<Integer> TEXT_OR_BYTES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
      Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.BINARY, Types.VARBINARY,
      Types.LONGVARBINARY, Types.BLOB);

  /** An organization with an active Microsoft 365 service on a new tenant, through the activation process. */
  private M365Service activeService(String name) {
    String organization = fixtures.onboardedOrganization(name);
    Map<String, Object> variables = new HashMap<>(Map.of("organizationId", organization, "mode", "NEW_TENANT",
        "domainPrefix", uniqueDomainPrefix("cred"), "agreementConfirmed", true, "confirmedBy", "anna.reseller"));
    ProcessInstance activation = runtimeService.startProcessInstanceByKey("serviceActivation", variables);
    execute(job(activation));
    execute(job(activation));
    execute(job(activation));
    assertThat(activation).isEnded().hasPassed("EndEvent_ServiceActive");
    return services.find(organization).orElseThrow();
  }

  /**
   * Starts a request as {@code user} with its groups, as Tasklist does, or as the marketplace's portal ("portal")
   * through the project API.
   */
  private ProcessInstance request(String organization, String to, String user) {
    if (user.equals("portal")) {
      identityService.setAuthentication("client:portal", List.of("integration"));
    } else {
      identityService.setAuthentication(user, identityService.createGroupQuery().groupMember(user).list().stream()
          .map(Group::getId).toList());
    }
    try {
      return runtimeService.startProcessInstanceByKey("adminCredentials",
          Map.of("organizationId", organization, "recipientEmail", to));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The portal asks over the project API. */
  private ResponseEntity<String> startOverRest(String organization, String to) {
    return callers.portal().postForEntity(credentialsPath(organization), ApiCallers.json(Map.of("recipientEmail", to)),
        String.class);
  }

  private String credentialsPath(String organization) {
    return "/api/partners/" + organizations.partnerOf(organization).orElseThrow() + "/organizations/" + organization
        + "/admin-credentials";
  }

  private long instancesOf(String organization) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("adminCredentials")
        .processInstanceBusinessKey(organization).count();
  }

  private static String address(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
  }

  /** The text of the one mail GreenMail received for {@code to}. */
  private String onlyMailTo(String to) throws MessagingException, IOException {
    List<String> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      if (to.equals(recipient(message))) {
        mails.add(message.getContent().toString());
      }
    }
    assertThat(mails).as("mails to " + to).hasSize(1);
    return mails.get(0);
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String password(String mail) {
    Matcher line = PASSWORD_LINE.matcher(mail);
    assertThat(line.find()).as("a password in the mail").isTrue();
    return line.group(1);
  }

  private static void assertStrong(String password) {
    assertThat(password).hasSizeGreaterThanOrEqualTo(16).containsPattern("[A-Z]").containsPattern("[a-z]")
        .containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]");
  }
}
