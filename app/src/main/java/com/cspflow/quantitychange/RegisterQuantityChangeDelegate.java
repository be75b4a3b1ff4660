package com.cspflow.quantitychange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterQuantityChange: refuses bad input (400, nothing stored) or records the change; its id is the business key. */
@Component
public class RegisterQuantityChangeDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;

  public RegisterQuantityChangeDelegate(QuantityChangeService quantityChanges) {
    this.quantityChanges = quantityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    QuantityChange change = quantityChanges.register(execution.getVariable("subscriptionId"),
        execution.getVariable("quantity"), (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(change.id());
    execution.setVariable("changeId", change.id());
  }
}
