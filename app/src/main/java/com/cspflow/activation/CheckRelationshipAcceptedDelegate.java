package com.cspflow.activation;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckRelationshipAccepted: has the customer accepted, and have we waited too long? */
@Component
public class CheckRelationshipAcceptedDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CheckRelationshipAcceptedDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean accepted = activation.checkAccepted(execution.getProcessBusinessKey());
    execution.setVariable("relationshipAccepted", accepted);
    execution.setVariable("waitedTooLong",
        !accepted && activation.waitedTooLong(((Date) execution.getVariable("acceptanceDeadline")).toInstant()));
  }
}
