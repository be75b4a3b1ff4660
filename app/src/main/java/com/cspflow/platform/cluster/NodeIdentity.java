package com.cspflow.platform.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The node's name, with a mark of this start of it, is the owner of the jobs its job executor locks: operators (and
 * the reliability harness) see in ACT_RU_JOB which node holds which job, and which jobs a node that died left
 * behind (a restarted node has a new mark, so its jobs and the dead one's are told apart).
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
      configuration.getJobExecutor().setLockOwner(nodeId + "@" + java.util.UUID.randomUUID().toString()
          .substring(0, 8));
    }
  }

  public String nodeId() {
    return nodeId;
  }
}
