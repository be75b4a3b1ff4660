package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.EngineStatements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A start by key finds the latest version without asking the database each time; a version deployed, suspended or
 * activated on this node counts at once, one changed by another node within seconds, one deployed in a transaction that
 * rolls back is not remembered, and a caller sees only the versions of its own tenants.
 */
@CspflowSpringTest
class RememberedLatestDefinitionsTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;

  final String key = "latestProbe" + UUID.randomUUID().toString().replace("-", "");
  final List<Deployment> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    identityService.clearAuthentication();
    deployments.forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void aStartByKeyFindsTheLatestVersionWithoutReadingItAgain() {
    String first = deploy(null);
    List<String> started = new ArrayList<>();

    assertThat(definitionReadsWhile(() -> started.add(startByKey()))).as("the first start reads the latest version"
        + " (and the reads are seen)").isNotEmpty();
    assertThat(definitionReadsWhile(() -> started.add(startByKey()))).as("the next one does not").isEmpty();
    assertThat(started).containsOnly(first);

    String second = deploy(null);
    assertThat(startByKey()).as("a version deployed on this node counts at once").isEqualTo(second);
  }

  @Test
  void aDefinitionSuspendedHereRefusesTheNextStartAndOneSuspendedElsewhereWithinSeconds() throws Exception {
    String definition = deploy(null);
    startByKey();

    repositoryService.suspendProcessDefinitionByKey(key);
    assertThatThrownBy(this::startByKey).as("suspended on this node").isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("suspended");
    repositoryService.activateProcessDefinitionByKey(key);
    assertThat(startByKey()).as("activated on this node").isEqualTo(definition);

    // Another node suspends it: its change reaches only the database
    JdbcClient.create(dataSource).sql("UPDATE ACT_RE_PROCDEF SET SUSPENSION_STATE_ = 2 WHERE ID_ = :id")
        .param("id", definition).update();
    assertThat(startByKey()).as("still remembered as active").isEqualTo(definition);
    Thread.sleep(Duration.ofSeconds(RememberedLatestDefinitions.REMEMBERED_FOR_SECONDS).plusMillis(500).toMillis());
    assertThatThrownBy(this::startByKey).as("suspended elsewhere, once the time has passed")
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suspended");
  }

  @Test
  void aVersionDeployedAndStartedInATransactionThatRollsBackIsNotRemembered() {
    String kept = deploy(null);
    startByKey();

    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
      String rolledBack = deploy(null);
      deployments.remove(deployments.size() - 1);
      assertThat(startByKey()).as("the transaction's own start sees its new version").isEqualTo(rolledBack);
      throw new NothingToKeep();
    })).isInstanceOf(NothingToKeep.class);

    assertThat(startByKey()).as("the version rolled back is not remembered").isEqualTo(kept);
  }

  @Test
  void aCallerSeesOnlyTheVersionsOfItsTenants() {
    String ofTenant = deploy("tenant-a");

    assertThat(latestAs(List.of("tenant-a"))).isEqualTo(ofTenant);
    assertThatThrownBy(() -> latestAs(List.of("tenant-b")))
        .as("the version remembered for tenant-a is not another tenant's").isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("no processes deployed with key");
  }

  /**
   * The engine's lookup of a start by key, as a caller of these tenants meets it (the project's own guard lets no
   * start by key reach a definition of a tenant, so it is asked directly).
   */
  private String latestAs(List<String> tenantIds) {
    identityService.setAuthentication("latest-probe", List.of(), tenantIds);
    try {
      return configuration.getCommandExecutorTxRequired().execute(command -> command.getProcessEngineConfiguration()
          .getDeploymentCache().findDeployedLatestProcessDefinitionByKey(key).getId());
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String deploy(String tenantId) {
    // A job at the start: its creation looks up the version by id for the retry cycle
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
        .serviceTask("Task_Async").camundaAsyncBefore().camundaExpression("${true}").endEvent().done();
    Deployment deployment = repositoryService.createDeployment().name(key).tenantId(tenantId)
        .addModelInstance(key + ".bpmn", model).deploy();
    deployments.add(deployment);
    return repositoryService.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
  }

  /** Starts an instance by key; returns the id of the version it started. */
  private String startByKey() {
    return runtimeService.startProcessInstanceByKey(key).getProcessDefinitionId();
  }

  static final class NothingToKeep extends RuntimeException {}

  private static List<String> definitionReadsWhile(Runnable work) {
    return EngineStatements.preparedWhile(ProcessDefinitionEntity.class, "ACT_RE_PROCDEF", work);
  }
}
