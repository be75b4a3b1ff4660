package com.cspflow.platform.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The node's name is the owner of the jobs its job executor locks, so operators (and the reliability harness) can
 * see in ACT_RU_JOB which node holds which job, and which jobs a dead node left behind.
 */
@Component
public class NodeIdentity extends AbstractProcessEnginePlugin {

  private final String nodeId;

  public NodeIdentity(@Value("${cspflow.node-id}") String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(nodeId);
    }
  }

  public String nodeId() {
    return nodeId;
  }
}
