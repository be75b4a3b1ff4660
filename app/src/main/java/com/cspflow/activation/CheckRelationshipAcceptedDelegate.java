package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckRelationshipAccepted: has the customer accepted the reseller relationship and approved admin access
 * (GDAP), and if not, what is the customer still to do? How long to wait is the model's timer, not this task's.
 */
@Component
public class CheckRelationshipAcceptedDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CheckRelationshipAcceptedDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var progress = activation.checkAccepted(execution.getProcessBusinessKey());
    execution.setVariable("relationshipAccepted", progress.resellerAccepted());
    execution.setVariable("adminAccessApproved", progress.adminAccessApproved());
    execution.setVariable("migrationComplete", progress.complete());
    execution.setVariable("migrationWaitingFor", progress.waitingFor());
  }
}
