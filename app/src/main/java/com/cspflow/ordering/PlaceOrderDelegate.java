package com.cspflow.ordering;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Task_PlaceOrder: cart and checkout at the CSP, or Error_OrderRejected with Microsoft's reason. The order as placed is
 * handed to the provisioning check that follows in the same job as a transient variable (never stored, gone at the
 * job's end), so that the check does not read it again.
 */
@Component
public class PlaceOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public PlaceOrderDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      execution.setVariable(CheckProvisioningDelegate.PLACED_ORDER,
          Variables.objectValue(ordering.place(execution.getProcessBusinessKey()), true).create());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("ORDER_REJECTED", refused);
    }
  }
}
