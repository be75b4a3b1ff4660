package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.EngineStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine checks each inserted entity's id without writing the entity out as text, and still refuses a bad id; it
 * runs a job without reading the job's definition again for its activity, and the activity is still the job's.
 */
@CspflowSpringTest
class LeanEntityManagerTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  Deployment deployment;

  @BeforeEach
  void deploy() {
    deployment = repositoryService.createDeployment().name("job activity probe")
        .addModelInstance("jobActivityProbe.bpmn", Bpmn.createExecutableProcess("jobActivityProbe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_Async").camundaAsyncBefore().camundaExpression("${fail ? execution.noSuchMethod() : true}")
            .endEvent()
            .done())
        .deploy();
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment.getId(), true);
  }

  @Test
  void anEntityWithAGoodIdIsInsertedWithoutBeingDescribed() {
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(command -> {
      assertThat(command.getDbEntityManager()).isInstanceOf(LeanEntityManager.EntityManager.class);
      command.getDbEntityManager().insert(new Undescribable("cspflow.id-check-probe"));
      throw new NothingToStore();
    })).as("inserted (then rolled back unflushed), never described").isInstanceOf(NothingToStore.class);
  }

  @Test
  void theReservedIdIsRefusedWithCamundasOwnMessage() {
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(command -> {
      command.getDbEntityManager().insert(new PropertyEntity("*", "x"));
      throw new NothingToStore();
    })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("has an invalid id")
        .hasMessageContaining("* is a reserved identifier");
  }

  @Test
  void aJobRunsWithoutReadingItsDefinitionForItsActivityOnceTheNodeKnowsIt() {
    List<ProcessInstance> started = new ArrayList<>();
    assertThat(jobDefinitionReadsWhile(() -> started.add(runtimeService.startProcessInstanceByKey("jobActivityProbe",
        Map.of("fail", false))))).as("a job's creation reads its definition (and the reads are seen)").isNotEmpty();
    ProcessInstance first = started.get(0);
    ProcessInstance second = runtimeService.startProcessInstanceByKey("jobActivityProbe", Map.of("fail", false));
    ProcessInstance failing = runtimeService.startProcessInstanceByKey("jobActivityProbe", Map.of("fail", true));
    managementService.executeJob(jobOf(first).getId());

    List<String> reads = jobDefinitionReadsWhile(() -> managementService.executeJob(jobOf(second).getId()));

    assertThat(reads).as("the job's definition is not read again for its activity").isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceIds(Set.of(first.getId(), second.getId()))
        .count()).as("both ran to their end").isZero();
    assertThatThrownBy(() -> managementService.executeJob(jobOf(failing).getId()))
        .isInstanceOf(ProcessEngineException.class);
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(failing.getId()).failureLog()
        .singleResult().getActivityId()).as("a failed job's log names its activity").isEqualTo("Task_Async");
  }

  private Job jobOf(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static List<String> jobDefinitionReadsWhile(Runnable work) {
    return EngineStatements.preparedWhile(JobDefinitionEntity.class, "ACT_RU_JOBDEF", work);
  }

  /** An entity whose description fails: inserting it shows whether the engine described it. */
  static final class Undescribable extends PropertyEntity {
    Undescribable(String name) {
      super(name, "probe");
    }

    @Override
    public String toString() {
      throw new AssertionError("the entity was described for its id check");
    }
  }

  static final class NothingToStore extends RuntimeException {}
}
