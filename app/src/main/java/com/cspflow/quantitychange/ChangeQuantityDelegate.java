package com.cspflow.quantitychange;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ChangeQuantity: at Microsoft, or Error_ChangeRefused with its reason. */
@Component
public class ChangeQuantityDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;

  public ChangeQuantityDelegate(QuantityChangeService quantityChanges) {
    this.quantityChanges = quantityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      quantityChanges.apply(execution.getProcessBusinessKey());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("QUANTITY_CHANGE_REFUSED", refused);
    }
  }
}
