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

import com.cspflow.CspflowSpringTest;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

@CspflowSpringTest
class ServiceActivationProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired ServiceRepository services;
  @Autowired Fixtures fixtures;
  @Autowired TestRestTemplate http;
  SandboxAdmin sandbox;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
  }

  @AfterEach
  void tearDown() {
    sandbox.clearFaults();
    identityService.clearAuthentication();
  }

  @Test
  void newTenantOnAFreeDomainWithTheAgreementConfirmedAtStart() {
    String organization = fixtures.onboardedOrganization("Contoso AB");
    String prefix = uniqueDomainPrefix("contoso");
    ProcessInstance activation = start(organization, "NEW_TENANT", prefix, true);

    assertThat(activation).isWaitingAt("Task_CheckDomainFree");
    assertThat(activation.getBusinessKey()).isEqualTo(organization);
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_CreateCustomerTenant");
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_SendAgreementToMicrosoft");
    execute(job(activation));

    assertThat(activation).isEnded().hasPassed("Task_ActivateService", "EndEvent_ServiceActive")
        .hasNotPassed("Task_ConfirmAgreement", "Task_ChooseAnotherDomain");
    M365Service service = services.find(organization).orElseThrow();
    assertThat(service.status()).isEqualTo(M365Service.Status.ACTIVE);
    assertThat(service.domain()).isEqualTo(prefix + ".onmicrosoft.com");
    assertThat(service.tenantId()).isNotBlank();
    assertThat(service.adminUserName()).endsWith("@" + prefix + ".onmicrosoft.com");
    assertThat(service.agreementConfirmedBy()).isEqualTo("anna.reseller");
    assertThat(service.agreementConfirmedAt()).isNotNull();
  }

  @Test
  void aTakenDomainLeadsToChoosingAnother() {
    String taken = uniqueDomainPrefix("fabrikam");
    sandbox.existingTenant(taken, "Someone else's Fabrikam");
    String organization = fixtures.onboardedOrganization("Fabrikam AB");
    ProcessInstance activation = start(organization, "NEW_TENANT", taken, true);

    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_ChooseAnotherDomain").hasNotPassed("Task_CreateCustomerTenant");
    assertThat((String) runtimeService.getVariable(activation.getId(), "domainProblem")).contains(taken, "taken");
    assertThat(services.find(organization).orElseThrow().statusReason()).as("what the partner reads while it waits")
        .isEqualTo(taken + ".onmicrosoft.com is already taken at Microsoft: the back office is choosing another name");

    String free = uniqueDomainPrefix("fabrikamab");
    complete(task(activation), withVariables("domainPrefix", free));
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_CreateCustomerTenant");
    assertThat(services.find(organization).orElseThrow().statusReason()).as("the free domain clears it").isNull();
    execute(job(activation));
    execute(job(activation));

    assertThat(activation).isEnded().hasPassed("EndEvent_ServiceActive");
    assertThat(services.find(organization).orElseThrow().domain()).isEqualTo(free + ".onmicrosoft.com");
  }

  @Test
  void anUnconfirmedAgreementIsAskedForAndDecliningCancels() {
    String organization = fixtures.onboardedOrganization("Northwind AB");
    ProcessInstance activation = start(organization, "NEW_TENANT", uniqueDomainPrefix("northwind"), false);

    assertThat(activation).isWaitingAt("Task_ConfirmAgreement");
    assertThat(task(activation)).hasCandidateGroup("backoffice");
    complete(task(activation), withVariables("agreementDecision", "CANCEL",
        "cancelReason", "The customer wants to read the agreement first"));

    assertThat(activation).isEnded().hasPassed("Task_CancelActivation", "EndEvent_ActivationCancelled")
        .hasNotPassed("Task_CheckDomainFree");
    M365Service service = services.find(organization).orElseThrow();
    assertThat(service.status()).isEqualTo(M365Service.Status.CANCELLED);
    assertThat(service.statusReason()).isEqualTo("The customer wants to read the agreement first");
    assertThat(service.tenantId()).isNull();
  }

  @Test
  void aConfirmationWithoutADecisionIsRefusedAndTheActivationWaits() {
    String organization = fixtures.onboardedOrganization("Proseware AB");
    ProcessInstance activation = start(organization, "NEW_TENANT", uniqueDomainPrefix("proseware"), false);
    var confirmation = task(activation);

    identityService.setAuthentication("backoffice", java.util.List.of("backoffice"));
    try {
      assertThatThrownBy(() -> taskService.complete(confirmation.getId(), Map.of("cancelReason", "unticked")))
          .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("agreementDecision");
      assertThatThrownBy(() -> taskService.complete(confirmation.getId(), Map.of("agreementDecision", "confirm")))
          .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("agreementDecision");
    } finally {
      identityService.clearAuthentication();
    }
    assertThatThrownBy(() -> taskService.complete(confirmation.getId(), Map.of("agreementDecision", "MAYBE")))
        .as("a value no flow is for, where no caller check applies (the Java API)")
        .isInstanceOf(ProcessEngineException.class);

    assertThat(activation).isWaitingAt("Task_ConfirmAgreement").hasNotPassed("Task_CancelActivation");
    assertThat(services.find(organization).orElseThrow().status()).isNotEqualTo(M365Service.Status.CANCELLED);
  }

  @Test
  void anAgreementConfirmedInTasklistRecordsWhoConfirmed() {
    String organization = fixtures.onboardedOrganization("Tailspin AB");
    ProcessInstance activation = start(organization, "NEW_TENANT", uniqueDomainPrefix("tailspin"), false);

    var confirmation = task(activation);
    identityService.setAuthentication("backoffice", java.util.List.of("backoffice"));
    complete(confirmation, withVariables("agreementDecision", "CONFIRM"));
    identityService.clearAuthentication();

    assertThat(activation).isWaitingAt("Task_CheckDomainFree").hasPassed("Task_RecordAgreementConfirmation");
    assertThat(services.find(organization).orElseThrow().agreementConfirmedBy()).isEqualTo("backoffice");
  }

  @Test
  void microsoftRefusingTheTenantGoesToTheBackOfficeWhoRetriesWithAnotherDomain() {
    String organization = fixtures.onboardedOrganization("Woodgrove AB");
    String prefix = uniqueDomainPrefix("woodgrove");
    ProcessInstance activation = start(organization, "NEW_TENANT", prefix, true);
    execute(job(activation));
    sandbox.existingTenant(prefix, "Taken between check and creation");
    execute(job(activation));

    assertThat(activation).isWaitingAt("Task_ResolveTenantCreation");
    assertThat((String) runtimeService.getVariable(activation.getId(), "cspRefusal")).contains("CSP error");

    String another = uniqueDomainPrefix("woodgroveab");
    complete(task(activation), withVariables("resolution", "RETRY", "domainPrefix", another));
    execute(job(activation));
    execute(job(activation));
    execute(job(activation));
    assertThat(activation).isEnded().hasPassed("EndEvent_ServiceActive");
    assertThat(services.find(organization).orElseThrow().domain()).isEqualTo(another + ".onmicrosoft.com");
  }

  @Test
  void microsoftRefusingTheTenantGoesToTheBackOfficeWhichMayCancelWithItsReason() {
    String organization = fixtures.onboardedOrganization("Proseware AB");
    String prefix = uniqueDomainPrefix("proseware");
    ProcessInstance activation = start(organization, "NEW_TENANT", prefix, true);
    execute(job(activation));
    sandbox.existingTenant(prefix, "Taken between check and creation");
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_ResolveTenantCreation");

    complete(task(activation), withVariables("resolution", "CANCEL", "cancelReason", "The customer chose another reseller"));

    assertThat(activation).isEnded()
        .hasPassed("BoundaryEvent_TenantCreationRefused", "Task_CancelActivation", "EndEvent_ActivationCancelled")
        .hasNotPassed("Task_SendAgreementToMicrosoft", "EndEvent_ServiceActive");
    M365Service service = services.find(organization).orElseThrow();
    assertThat(service.status()).isEqualTo(M365Service.Status.CANCELLED);
    assertThat(service.statusReason()).isEqualTo("The customer chose another reseller");
    assertThat(service.tenantId()).isNull();
  }

  @Test
  void aCspOutageBecomesAnIncidentWithTheCspMessageAndCompletesAfterRecovery() {
    String organization = fixtures.onboardedOrganization("Outage AB");
    ProcessInstance activation = start(organization, "NEW_TENANT", uniqueDomainPrefix("outage"), true);
    sandbox.failAlways("check-domain");

    Job check = managementService.createJobQuery().processInstanceId(activation.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(check.getId())).isInstanceOf(RuntimeException.class);
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(activation.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("Task_CheckDomainFree");
    assertThat(incident.getIncidentMessage()).contains("500");

    sandbox.clearFaults();
    managementService.setJobRetries(check.getId(), 1);
    execute(job(activation));
    assertThat(activation).isWaitingAt("Task_CreateCustomerTenant");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(activation.getId()).count()).isZero();
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndStoreNothing() {
    String organization = fixtures.onboardedOrganization("Refused AB");
    Map<String, Object> bad = variables(organization, "SOMETHING", "no-dashes-allowed", true);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("serviceActivation", bad))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("mode").hasMessageContaining("domainPrefix");
    assertThatThrownBy(() -> start(java.util.UUID.randomUUID().toString(), "NEW_TENANT", "fine", true))
        .isInstanceOf(InvalidProcessInput.class).hasMessageContaining("organizationId is not a known organization");
    assertThat(services.find(organization)).isEmpty();

    start(organization, "NEW_TENANT", uniqueDomainPrefix("refused"), true);
    assertThatThrownBy(() -> start(organization, "NEW_TENANT", uniqueDomainPrefix("refused"), true))
        .isInstanceOf(ConflictingProcessInput.class).hasMessageContaining("is already getting Microsoft 365");
  }

  private ProcessInstance start(String organization, String mode, String prefix, boolean agreementConfirmed) {
    return runtimeService.startProcessInstanceByKey("serviceActivation",
        variables(organization, mode, prefix, agreementConfirmed));
  }

  private static Map<String, Object> variables(String organization, String mode, String prefix, boolean confirmed) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organizationId", organization);
    variables.put("mode", mode);
    variables.put("domainPrefix", prefix);
    variables.put("agreementConfirmed", confirmed);
    variables.put("confirmedBy", "anna.reseller");
    return variables;
  }
}
