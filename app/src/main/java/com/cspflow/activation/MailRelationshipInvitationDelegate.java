package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_MailInvitation: the customer gets the invitation just recorded, with both links, once. */
@Component
public class MailRelationshipInvitationDelegate implements JavaDelegate {

  private final ActivationService activation;

  public MailRelationshipInvitationDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    activation.mailInvitation(execution.getProcessBusinessKey());
  }
}
