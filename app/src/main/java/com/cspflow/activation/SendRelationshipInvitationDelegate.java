package com.cspflow.activation;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendRelationshipInvitation: requests admin access (GDAP), records the invitation with both links (reseller
 * relationship and GDAP approval) and starts the waiting limit; the mail is the next task.
 */
@Component
public class SendRelationshipInvitationDelegate implements JavaDelegate {

  private final ActivationService activation;

  public SendRelationshipInvitationDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("acceptanceDeadline", Date.from(activation.sendInvitation(execution.getProcessBusinessKey())));
  }
}
