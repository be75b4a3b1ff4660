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
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance that ends in a transaction of its own (its last step asynchronous, as an order's job) gets its duration
 * from the start time remembered as it started, without reading its history row; a node that did not start it reads
 * the row as Camunda does.
 */
@CspflowSpringTest
class RememberedStartTimesTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;
  Deployment deployment;

  @BeforeEach
  void deploy() {
    deployment = repositoryService.createDeployment().name("start time probe")
        .addModelInstance("startTimeProbe.bpmn", Bpmn.createExecutableProcess("startTimeProbe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_Async").camundaAsyncBefore().camundaExpression("${true}")
            .endEvent("EndEvent_Done")
            .done())
        .deploy();
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment.getId(), true);
  }

  @Test
  void theEngineHandlesHistoryThroughTheRememberingHandlerAlone() {
    assertThat(configuration.getHistoryEventHandler()).isNotNull();
    assertThat(configuration.getCustomHistoryEventHandlers())
        .as("the engine's own database handler is replaced, not doubled")
        .hasAtLeastOneElementOfType(RememberedStartTimes.Handler.class)
        .filteredOn(handler -> handler.getClass() == DbHistoryEventHandler.class).isEmpty();
    assertThat(configuration.isEnableDefaultDbHistoryEventHandler()).isFalse();
  }

  @Test
  void theEndTakesTheStartTimeAsRememberedAndDoesNotReadTheRow() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("startTimeProbe");
    Date started = historic(instance).getStartTime();
    // Changed behind the engine's back: the end computes the duration from what it remembered, not from this
    Instant movedBack = started.toInstant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    setStartTime(instance, movedBack);

    runJob(instance);

    HistoricProcessInstance ended = historic(instance);
    assertThat(ended.getEndTime()).isNotNull();
    assertThat(ended.getDurationInMillis()).as("end minus the remembered start")
        .isEqualTo(ended.getEndTime().getTime() - started.getTime())
        .isLessThan(Duration.ofHours(1).toMillis());
    assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
  }

  @Test
  void anInstanceNotStartedByThisHandlerIsReadAsCamundaDoes() {
    RememberedStartTimes.Handler otherNode = new RememberedStartTimes.Handler(Duration.ofMinutes(10));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("startTimeProbe");
    Instant movedBack = historic(instance).getStartTime().toInstant().minus(Duration.ofDays(1))
        .truncatedTo(ChronoUnit.MILLIS);
    setStartTime(instance, movedBack);
    Object handler = configuration.getHistoryEventHandler();
    try {
      configuration.setHistoryEventHandler(otherNode);
      runJob(instance);
    } finally {
      configuration.setHistoryEventHandler((org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler) handler);
    }

    HistoricProcessInstance ended = historic(instance);
    assertThat(ended.getDurationInMillis()).as("from the row's start time, read")
        .isEqualTo(ended.getEndTime().getTime() - movedBack.toEpochMilli());
  }

  private HistoricProcessInstance historic(ProcessInstance instance) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void setStartTime(ProcessInstance instance, Instant startTime) {
    jdbc.sql("UPDATE ACT_HI_PROCINST SET START_TIME_ = :startTime WHERE ID_ = :id")
        .param("startTime", Timestamp.from(startTime)).param("id", instance.getId()).update();
  }

  private void runJob(ProcessInstance instance) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId())
        .singleResult().getId());
  }
}
