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
 * Failed-job incidents open as a job's retries run out and resolve as they are set again, in bulk too, or as the job
 * then succeeds; an incident raised by hand is resolved as its job succeeds; a job that never failed, on an execution
 * without incidents, is not searched for one (a query per job, so per order, in Camunda's own handler).
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
  void deploy() {
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
  }

  private void start(boolean failing) {
    instance = runtimeService.startProcessInstanceByKey("incidentProbe", Map.of("fail", failing));
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
    start(true);
    runOutOfRetries();
    assertThat(openIncidents()).isEqualTo(1);

    managementService.setJobRetries(job().getId(), 1);

    assertThat(openIncidents()).isZero();
  }

  @Test
  void anIncidentIsResolvedWhenItsJobIsRunByHandAndSucceeds() {
    start(true);
    runOutOfRetries();
    runtimeService.setVariable(instance.getId(), "fail", false);

    managementService.executeJob(job().getId());

    assertThat(openIncidents()).isZero();
    assertThat(runtimeService.createExecutionQuery().processInstanceId(instance.getId()).activityId("Task_Wait")
        .count()).isEqualTo(1);
  }

  @Test
  void anIncidentWhoseJobGotRetriesInBulkIsResolvedWhenTheJobSucceeds() {
    start(true);
    runOutOfRetries();
    // By job definition, as Cockpit does for all of a step's failed jobs: one UPDATE, the incident stays open
    managementService.setJobRetriesByJobDefinitionId(job().getJobDefinitionId(), 2);
    assertThat(openIncidents()).isEqualTo(1);
    runtimeService.setVariable(instance.getId(), "fail", false);

    managementService.executeJob(job().getId());

    assertThat(openIncidents()).isZero();
  }

  @Test
  void anIncidentRaisedByHandForAJobIsResolvedWhenTheJobSucceeds() {
    start(false);
    runtimeService.createIncident(Incident.FAILED_JOB_HANDLER_TYPE, job().getExecutionId(), job().getId(), "by hand");
    assertThat(openIncidents()).isEqualTo(1);

    managementService.executeJob(job().getId());

    assertThat(openIncidents()).isZero();
  }

  @Test
  void aJobThatNeverFailedOnAnExecutionWithoutIncidentsIsNotSearchedForOne() {
    start(false);
    Job job = job();
    // Behind the engine's back, an incident of the job the engine cannot have (the job never failed, and its
    // execution's row says it has no incidents): Camunda's handler finds and resolves it as the job succeeds; this one
    // does not look.
    jdbc.sql("""
        INSERT INTO ACT_RU_INCIDENT (ID_, REV_, INCIDENT_TIMESTAMP_, INCIDENT_MSG_, INCIDENT_TYPE_, PROC_INST_ID_,
          CAUSE_INCIDENT_ID_, ROOT_CAUSE_INCIDENT_ID_, CONFIGURATION_)
        VALUES (:id, 1, :now, 'behind the engine', 'failedJob', :instance, :id, :id, :job)""")
        .param("id", "probe-" + job.getId()).param("now", new java.sql.Timestamp(System.currentTimeMillis()))
        .param("instance", instance.getId()).param("job", job.getId())
        .update();

    try {
      managementService.executeJob(job.getId());

      assertThat(openIncidents()).isEqualTo(1);
    } finally {
      // The engine does not know of it, so its undeployment would not remove it
      jdbc.sql("DELETE FROM ACT_RU_INCIDENT WHERE ID_ = :id").param("id", "probe-" + job.getId()).update();
    }
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
