package com.cspflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.WebappSession;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An operator's or the webapps' mistakes on Camunda's REST API are refusals, not 500s: paging out of range, an id
 * that names nothing, a missing field the engine requires, a query on an object value, a file without its details. Each is answered in Camunda's error
 * format with a 4xx and a sentence, logged without a stack trace; what Camunda already refused stays as it was.
 */
@CspflowSpringTest
@ExtendWith(OutputCaptureExtension.class)
class EngineRestRefusalsTest {

  @LocalServerPort int port;
  @Autowired ApiCallers callers;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @Test
  void pagingOutOfRangeIsABadRequestOnEngineRestAndInTheWebapps(CapturedOutput log) {
    for (String query : new String[] {"firstResult=-5", "maxResults=-1", "firstResult=abc", "maxResults=1.5",
        "firstResult=99999999999", "maxResults=2147483648"}) {
      assertRefused(admin(HttpMethod.GET, "/engine-rest/task?" + query, null), 400, query);
      assertRefused(admin(HttpMethod.GET, "/engine-rest/process-instance?" + query, null), 400, query);
      WebappSession.Answer tasklist = backoffice().get("/task?" + query);
      assertThat(tasklist.status()).as("Tasklist %s: %s", query, tasklist.body()).isEqualTo(400);
      assertThat(tasklist.body()).contains("must be a whole number");
    }
    assertThat(admin(HttpMethod.GET, "/engine-rest/task?firstResult=0&maxResults=5", null).getStatusCode().value())
        .isEqualTo(200);
    assertThat(admin(HttpMethod.GET, "/engine-rest/task?maxResults=2147483647", null).getStatusCode().value())
        .as("as many as Camunda takes").isEqualTo(200);
    assertThat(backoffice().get("/task?firstResult=0&maxResults=5").status()).isEqualTo(200);
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("SQL").doesNotContain(" ERROR ");
  }

  @Test
  void whatTheEngineRefusesToDoWithWhatItWasGivenIsARefusal(CapturedOutput log) {
    assertRefused(admin(HttpMethod.GET, "/engine-rest/execution/no-such-execution/localVariables", null), 404,
        "an execution that does not exist");
    assertRefused(admin(HttpMethod.POST, "/engine-rest/group/create", Map.of()), 400, "a group without an id");
    assertRefused(admin(HttpMethod.GET, "/engine-rest/task/no-such-task/variables", null), 404,
        "a task that does not exist");
    ResponseEntity<String> unknownActivity = admin(HttpMethod.POST,
        "/engine-rest/process-definition/key/customerOnboarding/start", Map.of("startInstructions",
            java.util.List.of(Map.of("type", "startBeforeActivity", "activityId", "NoSuchActivity"))));
    assertThat(unknownActivity.getStatusCode().value()).as(unknownActivity.getBody()).isBetween(400, 499);
    assertThat(unknownActivity.getBody()).contains("NoSuchActivity").doesNotContain("\tat ");
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
    assertRefused(admin(HttpMethod.GET, "/engine-rest/task/no-such-task", null), 404, "Camunda's own 404");
    String member = "member" + java.util.UUID.randomUUID().toString().replace("-", "");
    identityService.saveUser(identityService.newUser(member));
    assertThat(admin(HttpMethod.PUT, "/engine-rest/group/backoffice/members/" + member, null).getStatusCode().value())
        .isEqualTo(204);
    assertRefused(admin(HttpMethod.PUT, "/engine-rest/group/backoffice/members/" + member, null), 409,
        "a member added twice");
    ResponseEntity<String> sameUser = admin(HttpMethod.POST, "/engine-rest/user/create",
        Map.of("profile", Map.of("id", member), "credentials", Map.of("password", "Long-enough-1")));
    assertThat(sameUser.getStatusCode().value()).as(sameUser.getBody()).isBetween(400, 409);
    identityService.deleteUser(member);
    assertThat(log.getAll()).as("refusals, not failures").doesNotContain("ENGINE-16004");
    ResponseEntity<String> noUser = admin(HttpMethod.PUT, "/engine-rest/group/backoffice/members/no-such-user", null);
    assertRefused(noUser, 404, "a member who does not exist");
    assertThat(noUser.getBody()).contains("no-such-user").doesNotContain("is null");
    assertRefused(admin(HttpMethod.PUT, "/engine-rest/group/no-such-group/members/backoffice", null), 404,
        "a group that does not exist");
    for (String action : new String[] {"claim", "unclaim", "complete", "identity-links", "assignee"}) {
      ResponseEntity<String> answer = admin(HttpMethod.POST, "/engine-rest/task/no-such-task/" + action,
          action.equals("identity-links") ? Map.of("userId", "backoffice", "type", "candidate")
              : Map.of("userId", "backoffice"));
      assertRefused(answer, 404, action + " of a task that does not exist, as its siblings");
      assertThat(answer.getBody()).as(action).contains("no-such-task").doesNotContain("is null");
    }
  }

  @Test
  void deletingATaskOfARunningProcessIsAConflictNotAFailure(CapturedOutput log) {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Kept Task AB")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    ResponseEntity<String> deleted = admin(HttpMethod.DELETE, "/engine-rest/task/" + task, null);

    assertRefused(deleted, 409, "a task its process still waits at");
    assertThat(deleted.getBody()).contains("part of a running process");
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("still there").isOne();
    assertThat(log.getAll()).doesNotContain(" ERROR ");
  }

  @Test
  void tasklistsMistakesAreRefusals(CapturedOutput log) {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Refusals AB")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    WebappSession tasklist = backoffice();

    WebappSession.Answer noForm = tasklist.get("/task/no-such-task/deployed-form");
    assertThat(noForm.status()).as(noForm.body()).isEqualTo(404);
    WebappSession.Answer objectQuery = tasklist.post("/task",
        "{\"taskVariables\": [{\"name\": \"x\", \"operator\": \"eq\", \"value\": [1, 2]}]}");
    assertThat(objectQuery.status()).as(objectQuery.body()).isEqualTo(400);
    assertThat(objectQuery.body()).contains("cannot be used to query");
    WebappSession.Answer fileWithoutInfo = tasklist.post("/task/" + task + "/submit-form",
        "{\"variables\": {\"street\": {\"type\": \"File\", \"value\": \"abc\"}}}");
    assertThat(fileWithoutInfo.status()).as(fileWithoutInfo.body()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("the task still waits").isOne();
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
  }

  @Test
  void aValueNoSerializerCanStoreIsABadRequest(CapturedOutput log) {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Unstorable AB")).getId();
    for (String type : new String[] {"Object", "Xml"}) {
      assertRefused(admin(HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/variables/street",
          Map.of("type", type, "value", "abc")), 400, type + " without its serialization format");
    }
    assertThat(runtimeService.getVariable(instance, "street")).as("nothing stored").isNull();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    long instances = runtimeService.createProcessInstanceQuery().count();
    Map<String, Object> xml = Map.of("type", "Xml", "value", "<a/>");
    assertRefused(admin(HttpMethod.POST, "/engine-rest/process-definition/key/customerOnboarding/start",
        Map.of("variables", Map.of("x", xml))), 400, "a start variable no serializer can store");
    assertRefused(admin(HttpMethod.POST, "/engine-rest/process-definition/key/customerOnboarding/submit-form",
        Map.of("variables", Map.of("x", xml))), 400, "a start form field no serializer can store");
    assertRefused(admin(HttpMethod.PUT, "/engine-rest/task/" + task + "/localVariables/x", xml), 400,
        "a task's local variable no serializer can store");
    assertRefused(admin(HttpMethod.POST, "/engine-rest/task/" + task + "/localVariables",
        Map.of("modifications", Map.of("x", xml))), 400, "a task's local variables no serializer can store");
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("nothing started").isEqualTo(instances);
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ")
        .doesNotContain("ENGINE-REST-HTTP500");
  }

  @Test
  void aFieldLeftOutOfTheBodyIsABadRequestNamingIt(CapturedOutput log) {
    long authorizations = authorizationService.createAuthorizationQuery().count();
    Map<String, String> leftOut = Map.of(
        "/engine-rest/authorization/create", "type",
        "/engine-rest/external-task/no-such/priority", "priority",
        "/engine-rest/job-definition/no-such/retries", "retries",
        "/engine-rest/process-definition/key/customerOnboarding/restart", "instructions");
    leftOut.forEach((path, field) -> {
      ResponseEntity<String> answer = admin(path.endsWith("create") || path.endsWith("restart") ? HttpMethod.POST
          : HttpMethod.PUT, path, Map.of());
      assertRefused(answer, 400, path);
      assertThat(answer.getBody()).as(path).contains("\"" + field + " is required\"")
          .doesNotContain("NullPointerException").doesNotContain("Dto");
    });
    ResponseEntity<String> noPlan = admin(HttpMethod.POST, "/engine-rest/migration/execute", Map.of());
    assertRefused(noPlan, 400, "a migration without its plan");
    assertThat(noPlan.getBody()).contains("\"migrationPlan is required\"").doesNotContain("Dto");
    ResponseEntity<String> noPermissions = admin(HttpMethod.POST, "/engine-rest/authorization/create",
        Map.of("type", 1, "resourceType", 0, "resourceId", "*", "userId", "someone"));
    assertRefused(noPermissions, 400, "an authorization without permissions");
    assertThat(noPermissions.getBody()).contains("\"permissions is required\"").doesNotContain("names");
    assertThat(authorizationService.createAuthorizationQuery().count()).as("nothing stored").isEqualTo(authorizations);
    assertThat(log.getAll()).doesNotContain("ENGINE-REST-HTTP500").doesNotContain(" ERROR ");
  }

  @Test
  void aBodyOfTheWrongShapeOrNoJsonIsARefusalSayingWhereWithoutJavaNames() {
    String start = "/engine-rest/process-definition/key/customerOnboarding/start";
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("{\"variables\":[]}", "variables must be an object");
    expected.put("{\"startInstructions\":[{\"type\":\"bogus\"}]}",
        "startInstructions[0] 'bogus' is not one of the types this field takes");
    expected.put("[]", "The body must be an object");
    expected.put("{broken", "The body is not valid JSON (line 1, column 2)");
    expected.forEach((body, message) -> {
      ResponseEntity<String> answer = admin(HttpMethod.POST, start, body);
      assertRefused(answer, 400, body);
      assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/json");
      assertThat(answer.getBody()).as(body).contains(message).doesNotContain("Dto").doesNotContain("`");
    });
    ResponseEntity<String> priority = admin(HttpMethod.POST, "/engine-rest/task", "{\"priority\":\"high\"}");
    assertRefused(priority, 400, "a word for a number");
    assertThat(priority.getBody()).contains("priority must be a number").doesNotContain("Dto");
  }

  @Test
  void aJobsRetriesOrDueDateThatCamundaRefusesIsARefusal(CapturedOutput log) {
    for (String path : new String[] {"/engine-rest/job/no-such/retries",
        "/engine-rest/job-definition/no-such/retries"}) {
      ResponseEntity<String> negative = admin(HttpMethod.PUT, path, Map.of("retries", -1));
      assertRefused(negative, 400, path);
      assertThat(negative.getBody()).contains("must be a non-negative Integer");
    }
    assertRefused(admin(HttpMethod.PUT, "/engine-rest/job/no-such/retries", Map.of("retries", 1)), 404,
        "retries of a job that does not exist");
    ResponseEntity<String> dueDate = admin(HttpMethod.PUT, "/engine-rest/job/no-such/duedate",
        Map.of("duedate", "2027-01-01T00:00:00.000+0000"));
    assertRefused(dueDate, 404, "the due date of a job that does not exist");
    assertThat(dueDate.getBody()).contains("No job found with id 'no-such'");
    assertThat(log.getAll()).doesNotContain("ENGINE-REST-HTTP500").doesNotContain(" ERROR ");
  }

  @Test
  void aConditionOrMessageThatMatchesNothingIsARefusalWithoutJavaNames(CapturedOutput log) {
    long instances = runtimeService.createProcessInstanceQuery().count();
    ResponseEntity<String> condition = admin(HttpMethod.POST, "/engine-rest/condition",
        Map.of("variables", Map.of("ready", Map.of("value", true, "type", "Boolean"))));
    assertRefused(condition, 400, "conditions that start nothing");
    assertThat(condition.getBody()).contains("No subscriptions were found");
    ResponseEntity<String> message = admin(HttpMethod.POST, "/engine-rest/message", Map.of("messageName", "nothing"));
    assertRefused(message, 400, "a message nothing waits for");
    assertThat(message.getBody()).contains("\"message\":\"Cannot correlate message 'nothing'")
        .doesNotContain("Exception:");
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("nothing started").isEqualTo(instances);
    assertThat(log.getAll()).doesNotContain("ENGINE-REST-HTTP500").doesNotContain("ENGINE-16004")
        .doesNotContain(" ERROR ");
  }

  @Test
  void aValueCamundaCannotConvertIsRefusedNamingTheTypeWithoutJavaClassNames() {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Conversions AB")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    WebappSession tasklist = backoffice();

    for (String[] value : new String[][] {{"99999999999999999999", "Long"}, {"99999999999", "Integer"},
        {"\"yesterday\"", "Date"}}) {
      String form = "{\"variables\": {\"quantity\": {\"value\": " + value[0] + ", \"type\": \"" + value[1]
          + "\"}}}";
      ResponseEntity<String> rest = admin(HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form", form);
      assertRefused(rest, 400, value[1]);
      assertThat(rest.getBody()).as(value[1]).contains("Cannot convert value")
          .contains("of type '" + value[1] + "' to " + value[1]).doesNotContain("java type");
      WebappSession.Answer inTasklist = tasklist.post("/task/" + task + "/submit-form", form);
      assertThat(inTasklist.status()).as(inTasklist.body()).isEqualTo(400);
      assertThat(inTasklist.body()).as(value[1]).contains("of type '" + value[1] + "' to " + value[1])
          .doesNotContain("java.").doesNotContain("java type");
    }
    ResponseEntity<String> query = admin(HttpMethod.GET, "/engine-rest/task?priority=high", null);
    assertRefused(query, 400, "a priority that is no number");
    assertThat(query.getBody()).doesNotContain("java type");
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("the task still waits").isOne();
  }

  private ResponseEntity<String> admin(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return callers.admin().exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private WebappSession backoffice() {
    return WebappSession.signIn("http://localhost:" + port, "backoffice", "backoffice");
  }

  private static void assertRefused(ResponseEntity<String> answer, int status, String what) {
    assertThat(answer.getStatusCode().value()).as("%s: %s", what, answer.getBody()).isEqualTo(status);
    assertThat(answer.getBody()).as(what).contains("\"message\"").doesNotContain("\tat ")
        .doesNotContainIgnoringCase("select ").doesNotContain("java.");
  }
}
