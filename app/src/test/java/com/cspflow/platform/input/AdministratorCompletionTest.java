package com.cspflow.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * An administrator completing a user task over Camunda's REST API is checked as the back office is in Tasklist: a
 * value of the wrong type or out of range, an undeclared variable, a decision no gateway knows or a decision left out
 * is a 400 naming the field, and the task still waits. Before, the first became an incident after the task was gone,
 * and an unknown decision was the engine's 500 ("no outgoing sequence flow").
 */
@CspflowSpringTest
class AdministratorCompletionTest {

  @Autowired ApiCallers callers;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;


  @Test
  void anAdministratorsCompletionWithBadDetailsIsRefusedNamingTheFieldAndTheTaskWaits() {
    Task task = waiting("customerOnboarding", "Task_CompleteOrganizationDetails", onboardingVariables());

    assertRefused(task, "{\"variables\": {\"contactEmail\": {\"value\": 42, \"type\": \"Integer\"}}}", "contactEmail");
    assertRefused(task, "{\"variables\": {\"country\": {\"value\": \"Narnia\"}}}", "country");
    assertRefused(task, "{\"variables\": {\"detailsComplete\": {\"value\": true}}}", "detailsComplete");
  }

  @Test
  void anAdministratorsDecisionNoGatewayKnowsOrLeftOutIsRefusedAndTheTaskWaits() {
    Map<String, Object> variables = onboardingVariables();
    Task task = waiting("subscriptionOrder", "Task_HandleFailedOrder", variables);

    assertRefused(task, "{\"variables\": {\"failedOrderDecision\": {\"value\": \"SHRUG\"}}}", "failedOrderDecision");
    assertRefused(task, "{\"variables\": {\"quantity\": {\"value\": 3}}}", "failedOrderDecision");
    assertRefused(task, "{\"variables\": {\"failedOrderDecision\": {\"value\": \"RETRY\"}, "
        + "\"quantity\": {\"value\": 2147483648, \"type\": \"Long\"}}}", "quantity");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(task.getProcessInstanceId()).count())
        .isZero();
  }

  private void assertRefused(Task task, String body, String field) {
    ResponseEntity<String> answer = callers.admin().postForEntity("/engine-rest/task/" + task.getId() + "/complete",
        ApiCallers.json(body), String.class);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getBody()).contains(field);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task still waits").isEqualTo(1);
  }

  private Task waiting(String process, String taskKey, Map<String, Object> variables) {
    String instance = runtimeService.createProcessInstanceByKey(process).setVariables(variables)
        .startBeforeActivity(taskKey).execute().getId();
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult();
  }

  private static Map<String, Object> onboardingVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("partnerId", "partner-1");
    variables.put("organizationName", "Fabrikam AB");
    variables.put("organizationId", "00000000-0000-0000-0000-000000000001");
    return variables;
  }
}
