package com.cspflow.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.boundary.BoundaryReport.Finding;
import com.cspflow.boundary.HostileHttp.Answer;
import com.cspflow.boundary.HostileHttp.Request;
import com.cspflow.boundary.HostileValues.HostileValue;
import com.cspflow.platform.input.ProcessCommands;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every process, read from the deployed models, entered as a person would through the webapps' engine API (the one
 * Tasklist and Cockpit call) and through the engine's REST API: start instructions at every activity, start variables
 * that are undeclared or of the wrong type, too long, with control characters, out of range; every user task completed
 * or ended with undeclared or bad variables, and with the commands only an operator may run. Nothing may start,
 * nothing may change, no answer may be a 5xx or show SQL or a stack frame.
 */
@CspflowSpringTest
class ProcessEntryBoundaryTest {

  static final String WEBAPPS = "webapps' engine API /camunda/api/engine (Tasklist, Cockpit)";
  static final String ENGINE_REST = "engine REST API /engine-rest";
  private static final BoundaryReport REPORT = BoundaryReport.REPORT;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String CAMUNDA_REFUSES = "type Camunda refuses: ";
  /** 1e1 is 10.0 to JavaScript, which has no integers: the webapps' forms send whole numbers so, and 10.0 is 10. */
  private static final String FORM_NUMBER = "exponent 1e1";
  private static final List<String> UNDECLARED = List.of("requestedBy", "trigger", "status", "businessKey",
      "detailsComplete", "issuedBefore", "runOpened", "unknownVariable");

  @Autowired ApplicationContext context;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ProcessCommands commands;
  @Autowired Validator validator;
  PartnerWorld world;
  WebappSession backoffice;
  WebappSession owner;
  Map<String, Integer> marks = new LinkedHashMap<>();

  @BeforeEach
  void signIn() {
    world = PartnerWorld.get(context);
    backoffice = WebappSession.signIn(world.rootUri, "backoffice", "backoffice");
    owner = WebappSession.signIn(world.rootUri, "owner", "owner", "cockpit");
    marks.put(WEBAPPS, REPORT.findings(WEBAPPS).size());
    marks.put(ENGINE_REST, REPORT.findings(ENGINE_REST).size());
  }

  @AfterAll
  static void report() {
    REPORT.write();
  }

  @Test
  void noProcessStartsAtAnyOfItsActivitiesThroughTheWebapps() {
    for (ProcessDefinition definition : definitions()) {
      String key = definition.getKey();
      String variables = variables(startFields(key), Map.of());
      Map<String, String> before = world.state.snapshot();
      REPORT.note(WEBAPPS, "processes read from the deployed models", 1);
      for (FlowNode activity : repositoryService.getBpmnModelInstance(definition.getId())
          .getModelElementsByType(FlowNode.class)) {
        REPORT.note(WEBAPPS, "activities tried as start instructions", 1);
        for (String type : List.of("startBeforeActivity", "startAfterActivity")) {
          String body = "{\"variables\": " + variables + ", \"startInstructions\": [{\"type\": \"" + type
              + "\", \"activityId\": \"" + activity.getId() + "\"}]}";
          webapp(backoffice, "BACKOFFICE", "start instruction " + type + " " + activity.getId(), "POST",
              "/process-definition/key/" + key + "/start", body, Set.of(403), null);
        }
        String skipping = "{\"variables\": " + variables + ", \"skipCustomListeners\": true, \"skipIoMappings\": true,"
            + " \"startInstructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"" + activity.getId()
            + "\"}]}";
        webapp(backoffice, "BACKOFFICE", "start instruction skipping listeners " + activity.getId(), "POST",
            "/process-definition/" + definition.getId() + "/start", skipping, Set.of(403), null);
        webapp(owner, "OPERATOR", "start instruction as process owner " + activity.getId(), "POST",
            "/process-definition/key/" + key + "/start", "{\"startInstructions\": [{\"type\": "
                + "\"startBeforeActivity\", \"activityId\": \"" + activity.getId() + "\"}]}", Set.of(403), null);
      }
      webapp(backoffice, "BACKOFFICE", "skipping listeners without instructions", "POST",
          "/process-definition/key/" + key + "/start", "{\"variables\": " + variables
              + ", \"skipCustomListeners\": true, \"skipIoMappings\": true}", Set.of(400, 403), null);
      leftBehind(WEBAPPS, key + " start instructions", before);
    }
    webapp(backoffice, "BACKOFFICE", "start an unknown process", "POST", "/process-definition/key/noSuchProcess/start",
        "{}", Set.of(404), null);
    webapp(backoffice, "BACKOFFICE", "start an unknown process definition", "POST",
        "/process-definition/noSuchProcess:1:0/submit-form", "{}", Set.of(404), null);
    assertNoFindings(WEBAPPS);
  }

  @Test
  void theEngineRestApiAnswersOnlyAdministrators() {
    Task task = waitingTask("customerOnboarding", "Task_CompleteOrganizationDetails");
    Map<String, String> before = world.state.snapshot();
    for (Role role : Role.values()) {
      if (role == Role.ADMIN) {
        continue;
      }
      for (ProcessDefinition definition : definitions()) {
        String key = definition.getKey();
        String variables = variables(startFields(key), Map.of());
        engineRest(role, "start " + key, "POST", "/engine-rest/process-definition/key/" + key + "/start",
            "{\"variables\": " + variables + "}");
        engineRest(role, "start instruction " + key, "POST", "/engine-rest/process-definition/key/" + key + "/start",
            "{\"variables\": " + variables + ", \"startInstructions\": [{\"type\": \"startBeforeActivity\", "
                + "\"activityId\": \"" + firstActivity(definition) + "\"}]}");
        engineRest(role, "submit start form " + key, "POST",
            "/engine-rest/process-definition/key/" + key + "/submit-form", "{\"variables\": " + variables + "}");
      }
      engineRest(role, "complete task", "POST", "/engine-rest/task/" + task.getId() + "/complete",
          "{\"variables\": {\"detailsComplete\": {\"value\": true}}}");
      engineRest(role, "task BPMN error", "POST", "/engine-rest/task/" + task.getId() + "/bpmnError",
          "{\"errorCode\": \"skip\"}");
      engineRest(role, "set a variable", "PUT", "/engine-rest/process-instance/" + task.getProcessInstanceId()
          + "/variables/detailsComplete", "{\"value\": true}");
      engineRest(role, "correlate a message", "POST", "/engine-rest/message", "{\"messageName\": \"anything\"}");
      engineRest(role, "read instances", "GET", "/engine-rest/process-instance", null);
      engineRest(role, "read history", "GET", "/engine-rest/history/process-instance", null);
      engineRest(role, "create a user", "POST", "/engine-rest/user/create", "{\"profile\": {\"id\": \"intruder\"}, "
          + "\"credentials\": {\"password\": \"intruder-password\"}}");
      engineRest(role, "grant itself", "POST", "/engine-rest/authorization/create", "{\"type\": 1, "
          + "\"permissions\": [\"ALL\"], \"userId\": \"*\", \"resourceType\": 6, \"resourceId\": \"*\"}");
    }
    leftBehind(ENGINE_REST, "engine REST as non-administrators", before);
    runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "boundary test", true, true);
    assertNoFindings(ENGINE_REST);
  }

  @Test
  void everyStartVariableThatIsUndeclaredOrBadIsRefusedByName() {
    for (String key : commands.startableProcesses()) {
      List<FieldSpec> fields = startFields(key);
      Map<String, String> before = world.state.snapshot();
      for (String endpoint : List.of("/start", "/submit-form")) {
        String path = "/process-definition/key/" + key + endpoint;
        for (FieldSpec field : fields) {
          String valid = ValidValues.text(ValidValues.of(field, null, world.a));
          for (HostileValue value : HostileValues.of(field, valid)) {
            if (value.notJson() || value.label().equals(FORM_NUMBER)) {
              continue;
            }
            webapp(backoffice, "BACKOFFICE", key + "." + field.name() + ": " + value.label(), "POST", path,
                "{\"variables\": " + variables(fields, Map.of(field.name(), value)) + "}", Set.of(400), field.name());
          }
          for (Map.Entry<String, String> typed : typedValues(field).entrySet()) {
            webapp(backoffice, "BACKOFFICE", key + "." + field.name() + ": " + typed.getKey(), "POST", path,
                "{\"variables\": " + typedVariables(fields, Map.of(field.name(), typed.getValue())) + "}",
                Set.of(400), typed.getKey().startsWith(CAMUNDA_REFUSES) ? null : field.name());
          }
        }
        for (String undeclared : UNDECLARED) {
          webapp(backoffice, "BACKOFFICE", key + ": undeclared " + undeclared, "POST", path, "{\"variables\": "
              + variables(fields, Map.of(undeclared, HostileValue.of("spoofed", JSON.textNode("SCHEDULE")))) + "}",
              Set.of(400), undeclared);
        }
        webapp(backoffice, "BACKOFFICE", key + ": business key", "POST", path, "{\"businessKey\": \"spoofed\", "
            + "\"variables\": " + variables(fields, Map.of()) + "}", Set.of(400), "businessKey");
      }
      leftBehind(WEBAPPS, key + " start variables", before);
    }
    assertNoFindings(WEBAPPS);
  }

  @Test
  void everyUserTaskRefusesUndeclaredOrBadVariablesAndWhatOnlyAnOperatorMayDo() {
    String unknownTask = "/task/" + UUID.randomUUID();
    for (String completion : List.of("/complete", "/submit-form", "/resolve")) {
      webapp(backoffice, "BACKOFFICE", "unknown task" + completion, "POST", unknownTask + completion,
          "{\"variables\": {\"detailsComplete\": {\"value\": true}}}", Set.of(404), null);
      webapp(backoffice, "BACKOFFICE", "unknown task" + completion + " without variables", "POST",
          unknownTask + completion, "{}", Set.of(404), null);
    }
    webapp(backoffice, "BACKOFFICE", "unknown task BPMN error", "POST", unknownTask + "/bpmnError",
        "{\"errorCode\": \"skip\"}", Set.of(403, 404), null);
    for (ProcessDefinition definition : definitions()) {
      for (UserTask userTask : repositoryService.getBpmnModelInstance(definition.getId())
          .getModelElementsByType(UserTask.class)) {
        REPORT.note(WEBAPPS, "user tasks completed and ended with bad variables and operator commands", 1);
        Task task = waitingTask(definition.getKey(), userTask.getId());
        String taskPath = "/task/" + task.getId();
        String instance = task.getProcessInstanceId();
        String label = definition.getKey() + "." + userTask.getId();
        Map<String, String> before = world.state.snapshot();
        List<FieldSpec> fields = commands.taskCommand(definition.getKey(), userTask.getId())
            .map(command -> FieldSpec.fromRecord(command, validator)).orElse(List.of());
        for (String completion : List.of("/complete", "/submit-form", "/resolve")) {
          for (String undeclared : UNDECLARED) {
            webapp(backoffice, "BACKOFFICE", label + completion + ": undeclared " + undeclared, "POST",
                taskPath + completion, "{\"variables\": {\"" + undeclared + "\": {\"value\": true}}}", Set.of(400),
                undeclared);
          }
          for (FieldSpec field : fields) {
            if (field.choices() != null) {
              Map<String, HostileValue> withoutIt = Map.of(field.name(), new HostileValue("absent", null, null, true));
              webapp(backoffice, "BACKOFFICE", label + completion + ": without the decision " + field.name(), "POST",
                  taskPath + completion, "{\"variables\": " + variables(fields, withoutIt) + "}", Set.of(400),
                  field.name());
              webapp(backoffice, "BACKOFFICE", label + completion + ": without any variable", "POST",
                  taskPath + completion, "{}", Set.of(400), field.name());
            }
            String valid = ValidValues.text(ValidValues.of(field, null, world.a));
            for (HostileValue value : HostileValues.of(field, valid)) {
              if (value.notJson() || value.absent() || value.label().equals(FORM_NUMBER)) {
                continue;
              }
              webapp(backoffice, "BACKOFFICE", label + completion + ": " + field.name() + " " + value.label(), "POST",
                  taskPath + completion, "{\"variables\": " + variables(fields, Map.of(field.name(), value)) + "}",
                  Set.of(400), field.name());
            }
          }
        }
        String spoof = "{\"detailsComplete\": {\"value\": true}, \"requestedBy\": {\"value\": \"someone-else\"}}";
        webapp(backoffice, "BACKOFFICE", label + ": BPMN error from the task", "POST", taskPath + "/bpmnError",
            "{\"errorCode\": \"skip\", \"variables\": " + spoof + "}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": escalation from the task", "POST", taskPath + "/bpmnEscalation",
            "{\"escalationCode\": \"skip\", \"variables\": " + spoof + "}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": set a task variable", "PUT", taskPath + "/variables/requestedBy",
            "{\"value\": \"someone-else\"}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": modify task variables", "POST", taskPath + "/variables",
            "{\"modifications\": " + spoof + "}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": set a local task variable", "PUT",
            taskPath + "/localVariables/requestedBy", "{\"value\": \"someone-else\"}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": remove a task variable", "DELETE",
            taskPath + "/variables/organizationId", null, Set.of(403, 404), null);
        webapp(backoffice, "BACKOFFICE", label + ": modify instance variables", "POST",
            "/process-instance/" + instance + "/variables", "{\"modifications\": " + spoof + "}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": move the token", "POST", "/process-instance/" + instance
            + "/modification", "{\"instructions\": [{\"type\": \"cancel\", \"activityId\": \"" + userTask.getId()
            + "\"}]}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": delete the instance", "DELETE", "/process-instance/" + instance,
            null, Set.of(403, 404), null);
        webapp(backoffice, "BACKOFFICE", label + ": suspend the instance", "PUT", "/process-instance/" + instance
            + "/suspended", "{\"suspended\": true}", Set.of(403), null);
        webapp(backoffice, "BACKOFFICE", label + ": correlate a message", "POST", "/message",
            "{\"messageName\": \"anything\", \"processInstanceId\": \"" + instance + "\"}", Set.of(400, 403), null);
        webapp(backoffice, "BACKOFFICE", label + ": throw a signal", "POST", "/signal", "{\"name\": \"anything\"}",
            Set.of(403), null);
        webapp(owner, "OPERATOR", label + ": complete as process owner", "POST", taskPath + "/complete", "{}",
            Set.of(403, 404), null);
        webapp(owner, "OPERATOR", label + ": BPMN error as process owner", "POST", taskPath + "/bpmnError",
            "{\"errorCode\": \"skip\"}", Set.of(403, 404), null);
        leftBehind(WEBAPPS, label + " completion", before);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("%s still waits", label)
            .isEqualTo(1);
        runtimeService.deleteProcessInstance(instance, "boundary test", true, true);
      }
    }
    assertNoFindings(WEBAPPS);
  }

  @Test
  void onlyAdministratorsChangeWhoMayDoWhatOrWhatIsDeployedThroughTheWebapps() {
    Map<String, String> before = world.state.snapshot();
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("/user/create", "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": "
        + "\"intruder-password-1\"}}");
    changes.put("/group/create", "{\"id\": \"intruders\", \"name\": \"Intruders\"}");
    changes.put("/group/camunda-admin/members/backoffice", null);
    changes.put("/authorization/create", "{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"backoffice\", "
        + "\"resourceType\": 0, \"resourceId\": \"*\"}");
    changes.put("/user/admin/credentials", "{\"password\": \"taken-over-1\", \"authenticatedUserPassword\": "
        + "\"backoffice\"}");
    changes.put("/tenant/create", "{\"id\": \"intruders\", \"name\": \"Intruders\"}");
    changes.put("/filter/create", "{\"resourceType\": \"Task\", \"name\": \"Everything\", \"query\": {}}");
    for (Map.Entry<String, String> change : changes.entrySet()) {
      boolean credentials = change.getKey().endsWith("/credentials");
      String method = change.getKey().endsWith("/members/backoffice") || credentials ? "PUT" : "POST";
      // Camunda hides a user the caller may not read (404) and checks the confirming password first (400).
      Set<Integer> refused = credentials ? Set.of(400, 403, 404) : Set.of(403);
      webapp(backoffice, "BACKOFFICE", "administration " + change.getKey(), method, change.getKey(),
          change.getValue(), refused, null);
      webapp(owner, "OPERATOR", "administration " + change.getKey(), method, change.getKey(), change.getValue(),
          refused, null);
    }
    leftBehind(WEBAPPS, "administration", before);
    assertNoFindings(WEBAPPS);
  }

  /**
   * What Tasklist and Cockpit ask the engine for, with hostile values in its query parameters and JSON queries: a NUL
   * byte (which PostgreSQL cannot even compare), control characters, 10,000 characters, SQL. An empty list or a 400,
   * never a 5xx or SQL in the answer. (The engine API has no description to generate these from; these are the queries
   * the webapps send.)
   */
  @Test
  void theWebappsQueriesTakeHostileValuesWithoutFailing() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("NUL byte", "%00");
    values.put("NUL byte inside", "a%00b");
    values.put("control characters", "a%07%1B%0A");
    values.put("10,000 characters", "x".repeat(10_000));
    values.put("SQL", "%27%20OR%20%271%27%3D%271%27%20--");
    values.put("LIKE wildcards", "%25%25_");
    List<String> queries = List.of("/task?name=", "/task?nameLike=", "/task?candidateGroup=", "/task?assignee=",
        "/task?processInstanceBusinessKey=", "/task?processVariables=requestedBy_eq_", "/task/count?name=",
        "/process-instance?businessKey=", "/process-instance?variables=period_eq_", "/process-definition?key=",
        "/process-definition?nameLike=", "/history/process-instance?processInstanceBusinessKey=",
        "/history/task?taskName=", "/incident?incidentMessage=", "/job?processInstanceId=", "/filter?name=",
        "/history/variable-instance?variableName=");
    Map<String, String> before = world.state.snapshot();
    for (String query : queries) {
      for (Map.Entry<String, String> value : values.entrySet()) {
        for (WebappSession session : List.of(backoffice, owner)) {
          webapp(session, session == owner ? "OPERATOR" : "BACKOFFICE", "query " + query + " " + value.getKey(),
              "GET", query + value.getValue(), null, Set.of(200, 400, 403), null);
        }
      }
    }
    for (String value : List.of("\\u0000", "a\\u0000b", "\\u0007", "' OR '1'='1' --")) {
      for (String body : List.of("{\"nameLike\": \"" + value + "\"}", "{\"processInstanceBusinessKey\": \"" + value
          + "\"}", "{\"processVariables\": [{\"name\": \"requestedBy\", \"operator\": \"eq\", \"value\": \"" + value
          + "\"}]}", "{\"orQueries\": [{\"name\": \"" + value + "\"}]}", "{\"" + value + "\": 1}")) {
        webapp(backoffice, "BACKOFFICE", "task query " + body, "POST", "/task", body, Set.of(200, 400), null);
        webapp(backoffice, "BACKOFFICE", "task count " + body, "POST", "/task/count", body, Set.of(200, 400), null);
        webapp(owner, "OPERATOR", "instance query " + body, "POST", "/process-instance", body, Set.of(200, 400),
            null);
      }
    }
    leftBehind(WEBAPPS, "queries", before);
    assertNoFindings(WEBAPPS);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private List<ProcessDefinition> definitions() {
    return repositoryService.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc()
        .list();
  }

  private List<FieldSpec> startFields(String key) {
    return commands.startCommand(key).map(command -> FieldSpec.fromRecord(command, validator)).orElse(List.of());
  }

  private String firstActivity(ProcessDefinition definition) {
    return repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)
        .iterator().next().getId();
  }

  /** A valid variable for each required field, with the given ones replaced (a missing value leaves it out). */
  private String variables(List<FieldSpec> fields, Map<String, HostileValue> replaced) {
    Map<String, String> typed = new LinkedHashMap<>();
    replaced.forEach((name, value) -> typed.put(name, value.absent() ? null : "{\"value\": " + value.jsonText() + "}"));
    return typedVariables(fields, typed);
  }

  /** A valid variable for each required field, with the given ones as typed values (null leaves one out). */
  private String typedVariables(List<FieldSpec> fields, Map<String, String> replaced) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (FieldSpec field : fields) {
      if (field.required()) {
        variables.put(field.name(), "{\"value\": " + HostileValue.of("valid", ValidValues.of(field, null, world.a))
            .jsonText() + "}");
      }
    }
    replaced.forEach((name, value) -> {
      if (value == null) {
        variables.remove(name);
      } else {
        variables.put(name, value);
      }
    });
    return variables.entrySet().stream().map(v -> "\"" + v.getKey() + "\": " + v.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /**
   * Camunda's own value types where the field takes something else. Types Camunda itself does not know here (Json and
   * Xml without Spin, a made-up one) are refused by its REST layer before any cspflow code sees them, with its own
   * message: those must be 400s but need not name the field.
   */
  private static Map<String, String> typedValues(FieldSpec field) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("Object value", "{\"type\": \"Object\", \"value\": \"{}\", \"valueInfo\": {\"objectTypeName\": "
        + "\"java.util.HashMap\", \"serializationDataFormat\": \"application/json\"}}");
    typed.put("Java-serialized Object value", "{\"type\": \"Object\", \"value\": \"rO0ABXQAAXg=\", \"valueInfo\": "
        + "{\"objectTypeName\": \"java.lang.String\", \"serializationDataFormat\": "
        + "\"application/x-java-serialized-object\"}}");
    typed.put(CAMUNDA_REFUSES + "Json value", "{\"type\": \"Json\", \"value\": \"{}\"}");
    typed.put(CAMUNDA_REFUSES + "Xml value", "{\"type\": \"Xml\", \"value\": \"<a/>\"}");
    typed.put(CAMUNDA_REFUSES + "unknown type", "{\"type\": \"Bogus\", \"value\": \"x\"}");
    typed.put("Bytes value", "{\"type\": \"Bytes\", \"value\": \"AAAA\"}");
    typed.put("File value", "{\"type\": \"File\", \"value\": \"aGk=\", \"valueInfo\": {\"filename\": \"x.txt\"}}");
    typed.put("Date value", "{\"type\": \"Date\", \"value\": \"2026-01-01T00:00:00.000+0000\"}");
    typed.put(CAMUNDA_REFUSES + "Date that is no date", "{\"type\": \"Date\", \"value\": \"tomorrow\"}");
    typed.put(CAMUNDA_REFUSES + "Short that is no number", "{\"type\": \"Short\", \"value\": \"7x\"}");
    typed.put("Double NaN", "{\"type\": \"Double\", \"value\": \"NaN\"}");
    typed.put("Double Infinity", "{\"type\": \"Double\", \"value\": \"Infinity\"}");
    switch (field.kind()) {
      case WHOLE_NUMBER -> {
        typed.put("Long 2^32+12", "{\"type\": \"Long\", \"value\": 4294967308}");
        typed.put("Double 12.9", "{\"type\": \"Double\", \"value\": 12.9}");
        typed.put("Boolean value", "{\"type\": \"Boolean\", \"value\": true}");
      }
      case NUMBER -> typed.put("Boolean value", "{\"type\": \"Boolean\", \"value\": true}");
      case BOOLEAN -> {
        typed.put("Integer value", "{\"type\": \"Integer\", \"value\": 1}");
        typed.put("String value", "{\"type\": \"String\", \"value\": \"true\"}");
      }
      case TEXT, CHOICE -> {
        typed.put("Integer value", "{\"type\": \"Integer\", \"value\": 42}");
        typed.put("Boolean value", "{\"type\": \"Boolean\", \"value\": true}");
      }
    }
    if (field.required()) {
      typed.put("Null value", "{\"type\": \"Null\"}");
    }
    return typed;
  }

  private void webapp(WebappSession session, String who, String label, String method, String path, String body,
      Set<Integer> expected, String field) {
    WebappSession.Answer answer = session.send(method, path, body);
    Request request = new Request(Role.valueOf(who), method, "/camunda/api/engine/engine/default" + path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    Answer checked = new Answer(answer.status(), "application/json", answer.body(), Map.of());
    REPORT.check(WEBAPPS, label, request, checked, expected, null, false);
    if (field != null && answer.status() == 400 && !BoundaryReport.parse(answer.body()).path("message").asText()
        .contains(field)) {
      REPORT.add(WEBAPPS, Finding.FIELD_NOT_NAMED, label + ": " + request.describe() + " -> "
          + BoundaryReport.abbreviate(answer.body()) + " (should name " + field + ")");
    }
  }

  private void engineRest(Role role, String label, String method, String path, String body) {
    Request request = new Request(role, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        body == null ? null : "application/json", Map.of());
    Answer answer = world.http.send(request);
    REPORT.check(ENGINE_REST, label, request, answer, Set.of(401, 403), null, false);
  }

  private void leftBehind(String area, String batch, Map<String, String> before) {
    REPORT.note(area, "batches with the stored state compared before and after", 1);
    String changes = StoredState.changes(before, world.state.snapshot());
    if (!changes.isEmpty()) {
      REPORT.add(area, Finding.LEFT_BEHIND, batch + ": " + changes);
    }
  }

  /** An instance of the process waiting at the user task, put there by the engine itself (not a caller). */
  private Task waitingTask(String processKey, String taskKey) {
    ProcessInstance instance = runtimeService.createProcessInstanceByKey(processKey)
        .setVariables(Map.of("organizationId", world.a.bareOrganizationId(), "partnerId", world.a.id()))
        .startBeforeActivity(taskKey).execute();
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
        .singleResult();
  }

  private void assertNoFindings(String area) {
    List<String> findings = REPORT.findingsSince(area, marks.get(area));
    assertThat(findings).as("findings at %s:%s", area, BoundaryReport.describe(findings)).isEmpty();
  }
}
