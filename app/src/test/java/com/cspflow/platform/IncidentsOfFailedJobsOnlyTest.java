package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failed-job incidents open as a job's retries run out and resolve as they are set again or the job then succeeds;
 * a job that succeeds with retries left is not searched for one (a query per job, so per order, in Camunda's own
 * handler).
 */
@CspflowSpringTest
class IncidentsOfFailedJobsOnlyTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  Deployment deployment;
  ProcessInstance instance;

  /** A step that fails while the variable {@code fail} is true, then waits for a message. */
  @BeforeEach
  void deployAndStart() {
    deployment = repositoryService.createDeployment().name("incident probe")
        .addModelInstance("incidentProbe.bpmn", Bpmn.createExecutableProcess("incidentProbe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_MayFail").camundaAsyncBefore()
            .camundaExpression("${fail ? noSuchBean.call() : true}")
            .receiveTask("Task_Wait").message("probeDone")
            .endEvent()
            .done())
        .deploy();
    instance = runtimeService.startProcessInstanceByKey("incidentProbe", Map.of("fail", true));
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment.getId(), true);
  }

  @Test
  void failedJobIncidentsAreHandledByThisHandler() {
    assertThat(configuration.getIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE))
        .isInstanceOf(IncidentsOfFailedJobsOnly.Handler.class);
  }

  @Test
  void anIncidentOpensWhenRetriesRunOutAndIsResolvedWhenTheyAreSetAgain() {
    runOutOfRetries();
    assertThat(openIncidents()).isEqualTo(1);

    managementService.setJobRetries(job().getId(), 1);

    assertThat(openIncidents()).isZero();
  }

  @Test
  void anIncidentIsResolvedWhenItsJobIsRunByHandAndSucceeds() {
    runOutOfRetries();
    runtimeService.setVariable(instance.getId(), "fail", false);

    managementService.executeJob(job().getId());

    assertThat(openIncidents()).isZero();
    assertThat(runtimeService.createExecutionQuery().processInstanceId(instance.getId()).activityId("Task_Wait")
        .count()).isEqualTo(1);
  }

  @Test
  void aJobThatSucceedsWithRetriesLeftIsNotSearchedForAnIncident() {
    runOutOfRetries();
    // Behind the engine's back, a state the engine never leaves: retries left and the incident still open. Camunda's
    // handler would find and resolve it as the job succeeds; this one does not look.
    jdbc.sql("UPDATE ACT_RU_JOB SET RETRIES_ = 2 WHERE ID_ = :id").param("id", job().getId()).update();
    runtimeService.setVariable(instance.getId(), "fail", false);

    managementService.executeJob(job().getId());

    assertThat(openIncidents()).isEqualTo(1);
  }

  private void runOutOfRetries() {
    for (int attempt = 0; attempt < 10 && job().getRetries() > 0; attempt++) {
      String jobId = job().getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).isNotNull();
    }
    assertThat(job().getRetries()).isZero();
  }

  private Job job() {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private long openIncidents() {
    return runtimeService.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(Incident.FAILED_JOB_HANDLER_TYPE).count();
  }
}
