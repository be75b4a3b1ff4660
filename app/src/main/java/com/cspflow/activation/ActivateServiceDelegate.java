package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ActivateService: Microsoft 365 is active for the organization. */
@Component
public class ActivateServiceDelegate implements JavaDelegate {

  private final ActivationService activation;

  public ActivateServiceDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    activation.activate(execution.getProcessBusinessKey());
  }
}
