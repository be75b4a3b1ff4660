package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendAgreementToMicrosoft: the confirmed Microsoft Customer Agreement, before the tenant is used. */
@Component
public class SendAgreementToMicrosoftDelegate implements JavaDelegate {

  private final ActivationService activation;

  public SendAgreementToMicrosoftDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    activation.sendAgreement(execution.getProcessBusinessKey());
  }
}
