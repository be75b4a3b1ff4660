package com.cspflow.quantitychange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefusal: Microsoft's reason, and for a decrease the renewal date it can be scheduled for. */
@Component
public class RecordRefusalDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;

  public RecordRefusalDelegate(QuantityChangeService quantityChanges) {
    this.quantityChanges = quantityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("refusalReason",
        quantityChanges.refuse(execution.getProcessBusinessKey(), (String) execution.getVariable("refusalReason")));
  }
}
