package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CspflowSpringTest
class RootRemovalTimesTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;
  Deployment deployment;
  ProcessInstance instance;

  /** A model of two asynchronous steps, kept one day: each step writes its history in a transaction of its own. */
  @BeforeEach
  void deployAndStart() {
    deployment = repositoryService.createDeployment().name("removal time probe")
        .addModelInstance("removalTimeProbe.bpmn", Bpmn.createExecutableProcess("removalTimeProbe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_First").camundaAsyncBefore().camundaExpression("${true}")
            .serviceTask("Task_Second").camundaAsyncBefore().camundaExpression("${true}")
            .endEvent("EndEvent_Done")
            .done())
        .deploy();
    instance = runtimeService.startProcessInstanceByKey("removalTimeProbe");
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment.getId(), true);
  }

  @Test
  void theEngineWritesEachRowWithItsRootsRemovalTimeReadOncePerInstance() {
    assertThat(configuration.getHistoryEventProducer()).isInstanceOf(RootRemovalTimes.Producer.class);
    Date removalTime = rootRemovalTime();
    assertThat(removalTime).as("start plus the model's day").isNotNull();

    // Changed behind the engine's back: the node that started the instance knows its removal time and does not read it.
    setRootRemovalTime(Instant.now().plus(Duration.ofDays(30)));
    runJob();
    runJob();

    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
        .extracting(HistoricActivityInstance::getActivityId)
        .containsExactlyInAnyOrder("Task_First", "Task_Second", "EndEvent_Done");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
        .extracting(HistoricActivityInstance::getRemovalTime).containsOnly(removalTime);
  }

  @Test
  void aNodeReadsTheRootOnceAndAnotherNodeReadsItAgain() {
    RootRemovalTimes.Producer node = new RootRemovalTimes.Producer(Duration.ofMinutes(1));
    Date stored = rootRemovalTime();
    assertThat(removalTimeAsReadBy(node)).isEqualTo(stored);

    Instant changed = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    setRootRemovalTime(changed);

    assertThat(removalTimeAsReadBy(node)).as("remembered").isEqualTo(stored);
    assertThat(removalTimeAsReadBy(new RootRemovalTimes.Producer(Duration.ofMinutes(1)))).as("read afresh")
        .isEqualTo(Date.from(changed));
    assertThat(removalTimeAsReadBy(new RootRemovalTimes.Producer(Duration.ZERO)))
        .as("not remembered beyond its time").isEqualTo(Date.from(changed));
  }

  @Test
  void anUnknownRootIsNone() {
    RootRemovalTimes.Producer node = new RootRemovalTimes.Producer(Duration.ofMinutes(1));
    CommandExecutor commands = configuration.getCommandExecutorTxRequired();

    Object root = commands.execute(context -> node.getHistoricRootProcessInstance("no-such-instance"));
    assertThat(root).isNull();
  }

  private Date removalTimeAsReadBy(RootRemovalTimes.Producer node) {
    return configuration.getCommandExecutorTxRequired()
        .execute(context -> node.getHistoricRootProcessInstance(instance.getId()).getRemovalTime());
  }

  private Date rootRemovalTime() {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getRemovalTime();
  }

  private void setRootRemovalTime(Instant removalTime) {
    jdbc.sql("UPDATE ACT_HI_PROCINST SET REMOVAL_TIME_ = :removalTime WHERE ID_ = :id")
        .param("removalTime", Timestamp.from(removalTime)).param("id", instance.getId()).update();
  }

  private void runJob() {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).singleResult()
        .getId());
  }
}
