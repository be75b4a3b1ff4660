package com.cspflow.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.cspflow.CspflowSpringTest;
import com.cspflow.platform.InvalidProcessInput;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CspflowSpringTest
public class CustomerOnboardingProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired OrganizationRepository organizations;

  @BeforeEach
  void useEngine() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void completeDetailsAtStartOnboardTheOrganizationAtOnce() {
    ProcessInstance onboarding = start(completeOrganization("Contoso AB"));

    assertThat(onboarding).isEnded().hasPassed("Task_RegisterOrganization").hasNotPassed("Task_CompleteOrganizationDetails");
    Organization stored = organizations.find(onboarding.getBusinessKey()).orElseThrow();
    assertThat(stored.name()).isEqualTo("Contoso AB");
    assertThat(stored.partnerId()).isEqualTo("partner-1");
    assertThat(stored.detailsComplete()).isTrue();
    assertThat(stored.details().country()).isEqualTo("SE");
  }

  @Test
  void missingDetailsAreCompletedByTheBackOffice() {
    Map<String, Object> incomplete = completeOrganization("Fabrikam AB");
    incomplete.remove("street");
    incomplete.remove("contactEmail");
    ProcessInstance onboarding = start(incomplete);

    assertThat(onboarding).isWaitingAt("Task_CompleteOrganizationDetails");
    assertThat(task()).hasCandidateGroup("backoffice");
    assertThat(onboarding).variables().containsEntry("detailsComplete", false);
    assertThat((String) runtimeService.getVariable(onboarding.getId(), "missingDetails"))
        .contains("contactEmail").contains("street").doesNotContain("city");
    assertThat(organizations.find(onboarding.getBusinessKey()).orElseThrow().detailsComplete()).isFalse();

    complete(task(), withVariables("contactEmail", "anna@fabrikam.example", "street", "Storgatan 1"));

    assertThat(onboarding).isEnded().hasPassed("Task_UpdateOrganizationDetails");
    Organization stored = organizations.find(onboarding.getBusinessKey()).orElseThrow();
    assertThat(stored.detailsComplete()).isTrue();
    assertThat(stored.details().street()).isEqualTo("Storgatan 1");
    assertThat(stored.details().contactEmail()).isEqualTo("anna@fabrikam.example");
  }

  @Test
  void detailsStillIncompleteAfterCompletionAreAskedForAgain() {
    Map<String, Object> incomplete = completeOrganization("Northwind AB");
    incomplete.remove("country");
    incomplete.remove("city");
    ProcessInstance onboarding = start(incomplete);

    complete(task(onboarding), withVariables("city", "Oslo"));

    assertThat(onboarding).isWaitingAt("Task_CompleteOrganizationDetails");
    assertThat((String) runtimeService.getVariable(onboarding.getId(), "missingDetails")).contains("country")
        .doesNotContain("city");

    complete(task(onboarding), withVariables("country", "no"));
    assertThat(onboarding).isEnded();
    assertThat(organizations.find(onboarding.getBusinessKey()).orElseThrow().details().country()).isEqualTo("NO");
  }

  @Test
  void malformedDetailsAreRefusedAtTheStartNamingTheFieldAndNothingIsStarted() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count();
    Map<String, Object> malformed = completeOrganization("Wingtip AB");
    malformed.put("contactEmail", "anna@contoso..example");
    malformed.put("country", "SWE");

    assertThatThrownBy(() -> start(malformed))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsOnlyKeys("contactEmail", "country"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count())
        .isEqualTo(before);
  }

  @Test
  void missingNameOrPartnerIsRefusedAndNothingIsStarted() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count();
    Map<String, Object> noName = completeOrganization(" ");
    noName.remove("partnerId");

    assertThatThrownBy(() -> start(noName))
        .isInstanceOf(InvalidProcessInput.class)
        .hasMessageContaining("organizationName")
        .hasMessageContaining("partnerId");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count())
        .isEqualTo(before);
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey("customerOnboarding", variables);
  }

  public static Map<String, Object> completeOrganization(String name) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("partnerId", "partner-1");
    variables.put("organizationName", name);
    variables.put("contactFirstName", "Anna");
    variables.put("contactLastName", "Andersson");
    variables.put("contactEmail", "anna@example.com");
    variables.put("contactPhone", "+46 8 123 456");
    variables.put("street", "Drottninggatan 1");
    variables.put("postalCode", "111 51");
    variables.put("city", "Stockholm");
    variables.put("country", "se");
    return variables;
  }
}
