package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.onboarding.CustomerOnboardingProcessTest;
import com.cspflow.support.WebappSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two people of the back office at one task in Tasklist, as happens when both open it: whoever completes it first
 * decides, the other is told it was completed meanwhile (404), never a 500; a claim of a task someone else holds is a
 * conflict naming who holds it (409); a task read just after its completion is gone (404). None of this is an error
 * of the application: no ERROR line, no stack trace. And whoever completes a task is its assignee in its history, even
 * when someone else had claimed it, as long as they may work on it: a person the task is not for neither completes it nor
 * learns who holds it. A task the engine itself creates and completes within one command is not a person's turn.
 */
@CspflowSpringTest
@ExtendWith(OutputCaptureExtension.class)
class TaskTurnsTest {

  private static final String TASK = "Task_CompleteOrganizationDetails";
  private static final String DETAILS = "{\"variables\": {\"contactEmail\": {\"value\": \"anna@fabrikam.example\"},"
      + " \"street\": {\"value\": \"Storgatan 1\"}}}";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  WebappSession berit;
  WebappSession bengt;

  @BeforeEach
  void twoPeopleOfTheBackOffice() {
    if (identityService.createUserQuery().userId("bengt").count() == 0) {
      User bengt = identityService.newUser("bengt");
      bengt.setFirstName("Bengt");
      bengt.setLastName("Backoffice");
      bengt.setPassword("bengt-backoffice-1");
      identityService.saveUser(bengt);
      identityService.createMembership("bengt", "backoffice");
    }
    berit = WebappSession.signIn(root(), "backoffice", "backoffice");
    bengt = WebappSession.signIn(root(), "bengt", "bengt-backoffice-1");
  }

  @AfterEach
  void peopleLeave() {
    identityService.clearAuthentication();
    for (String user : List.of("bengt", "olle")) {
      identityService.deleteUser(user);
    }
  }

  @Test
  void twoCompletionsOfOneTaskAtOnceDecideOnceAndTellTheOtherItWasCompletedMeanwhile(CapturedOutput log)
      throws Exception {
    List<Integer> losers = new ArrayList<>();
    for (int round = 0; round < 8; round++) {
      Task task = waitingTask();
      List<Integer> statuses = atOnce(session -> session.post("/task/" + task.getId() + "/submit-form", DETAILS)
          .status());

      assertThat(statuses).as("round %d: one completion decides", round).containsOnlyOnce(204);
      losers.addAll(statuses.stream().filter(status -> status != 204).toList());
      assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).finished().count())
          .isEqualTo(1);
    }
    assertThat(losers).as("completed meanwhile, or changed at the same moment").isSubsetOf(404, 409);
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  @Test
  void aClaimOfATaskSomeoneElseHoldsIsAConflictNamingWhoHoldsIt(CapturedOutput log) {
    Task task = waitingTask();

    assertThat(berit.post("/task/" + task.getId() + "/claim", "{\"userId\": \"backoffice\"}").status())
        .isEqualTo(204);
    WebappSession.Answer second = bengt.post("/task/" + task.getId() + "/claim", "{\"userId\": \"bengt\"}");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body()).contains("backoffice").doesNotContain("org.camunda").doesNotContain("\tat ");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo("backoffice");
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  @Test
  void twoClaimsAtOnceGiveTheTaskToOneAndAConflictToTheOther(CapturedOutput log) throws Exception {
    for (int round = 0; round < 5; round++) {
      Task task = waitingTask();
      List<Integer> statuses = atOnce(session -> session.post("/task/" + task.getId() + "/claim",
          "{\"userId\": \"" + (session == berit ? "backoffice" : "bengt") + "\"}").status());

      assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(204, 409);
    }
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  @Test
  void aTaskReadJustAfterItsCompletionIsGone(CapturedOutput log) {
    Task task = waitingTask();
    assertThat(berit.post("/task/" + task.getId() + "/submit-form", DETAILS).status()).isEqualTo(204);

    for (String read : List.of("", "/variables", "/variables/street", "/form-variables", "/form", "/rendered-form",
        "/identity-links", "/localVariables")) {
      WebappSession.Answer answer = bengt.get("/task/" + task.getId() + read);
      assertThat(answer.status()).as("GET task%s", read).isEqualTo(404);
      assertThat(answer.body()).as("GET task%s", read).doesNotContain("org.camunda").doesNotContain("\tat ");
    }
    assertThat(bengt.post("/task/" + task.getId() + "/claim", "{\"userId\": \"bengt\"}").status()).isEqualTo(404);
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  @Test
  void whoeverCompletesATaskIsItsAssigneeInItsHistoryEvenIfSomeoneElseClaimedIt() {
    Task task = waitingTask();
    assertThat(berit.post("/task/" + task.getId() + "/claim", "{\"userId\": \"backoffice\"}").status())
        .isEqualTo(204);

    assertThat(bengt.post("/task/" + task.getId() + "/submit-form", DETAILS).status()).isEqualTo(204);

    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo("bengt");
  }

  @Test
  void aPersonTheTaskIsNotForNeitherCompletesItNorLearnsWhoHoldsIt() {
    Task task = waitingTask();
    taskService.claim(task.getId(), "backoffice");
    User olle = identityService.newUser("olle");
    olle.setPassword("olle-outsider-1");
    identityService.saveUser(olle);
    identityService.setAuthenticatedUserId("olle");
    try {
      assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("contactEmail", "olle@example.com",
          "street", "Storgatan 1"))).isInstanceOf(AuthorizationException.class);
      assertThatThrownBy(() -> taskService.claim(task.getId(), "olle")).isInstanceOf(AuthorizationException.class)
          .hasMessageNotContaining("backoffice");
    } finally {
      identityService.clearAuthentication();
    }

    Task unchanged = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(unchanged).as("still waiting").isNotNull();
    assertThat(unchanged.getAssignee()).isEqualTo("backoffice");
    assertThat(authorizationService.createAuthorizationQuery().userIdIn("olle").resourceType(Resources.TASK).count())
        .as("no permission on the task given away").isZero();
  }

  @Test
  void aTaskTheEngineCreatesAndCompletesWithinOneCommandIsNotAPersonsTurn() {
    String taskId = engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
      Task task = taskService.newTask();
      task.setName("Made and done by the engine");
      taskService.saveTask(task);
      taskService.complete(task.getId());
      return task.getId();
    });

    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().count()).isEqualTo(1);
    historyService.deleteHistoricTaskInstance(taskId);
  }

  /** Both people send their request at the same moment; their statuses, in no particular order. */
  private List<Integer> atOnce(Function<WebappSession, Integer> request) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    for (WebappSession session : List.of(berit, bengt)) {
      answers.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return request.apply(session);
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Integer> answer : answers) {
      statuses.add(answer.get(60, TimeUnit.SECONDS));
    }
    return statuses;
  }

  /** An organization onboarded without its contact's e-mail and street: the back office completes them. */
  private Task waitingTask() {
    Map<String, Object> incomplete = CustomerOnboardingProcessTest.completeOrganization("Fabrikam AB");
    incomplete.remove("contactEmail");
    incomplete.remove("street");
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding", incomplete).getId();
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(TASK).singleResult();
  }

  private String root() {
    return "http://localhost:" + port;
  }
}
