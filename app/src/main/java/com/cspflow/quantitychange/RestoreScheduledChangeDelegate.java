package com.cspflow.quantitychange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RestoreScheduledChange: the next term Microsoft deleted with the seat change is scheduled again. */
@Component
public class RestoreScheduledChangeDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;

  public RestoreScheduledChangeDelegate(QuantityChangeService quantityChanges) {
    this.quantityChanges = quantityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    quantityChanges.restoreScheduledChange(execution.getProcessBusinessKey());
  }
}
