package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CancelActivation: records why the service was not added. */
@Component
public class CancelActivationDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CancelActivationDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable("cancelReason");
    activation.cancel(execution.getProcessBusinessKey(), reason == null ? "Cancelled by the back office" : reason.toString());
  }
}
