package com.cspflow.ordering;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PlaceOrder: cart and checkout at the CSP, or Error_OrderRejected with Microsoft's reason. */
@Component
public class PlaceOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public PlaceOrderDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      ordering.place(execution.getProcessBusinessKey());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("ORDER_REJECTED", refused);
    }
  }
}
