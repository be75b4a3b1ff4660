package com.cspflow.quantitychange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyPartner: the partner's contact learns the new seat count. */
@Component
public class NotifyPartnerOfQuantityChangeDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;

  public NotifyPartnerOfQuantityChangeDelegate(QuantityChangeService quantityChanges) {
    this.quantityChanges = quantityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    quantityChanges.notifyPartner(execution.getProcessBusinessKey());
  }
}
