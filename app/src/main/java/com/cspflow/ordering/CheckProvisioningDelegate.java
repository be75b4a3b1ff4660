package com.cspflow.ordering;

import com.cspflow.csp.CspOrder;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Task_CheckProvisioning (after placing) and Task_CheckProvisioningAgain (after each wait): Fulfilled (subscription
 * recorded), still pending, or cancelled by Microsoft. The outcome is a transient variable: only the gateway right
 * after reads it, in the same transaction, and the order's row keeps the status, so it is neither stored nor written
 * to history. The count of checks, which sets the wait before the next one, is a variable only once an order has to
 * wait: most are provisioned at the first check and store none.
 */
@Component
public class CheckProvisioningDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public CheckProvisioningDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String orderId = execution.getProcessBusinessKey();
    CspOrder.Status status = ordering.checkProvisioning(orderId);
    execution.setVariable("provisioningStatus", Variables.stringValue(status.name(), true));
    if (status == CspOrder.Status.CANCELLED) {
      execution.setVariable("failureReason", "Microsoft cancelled the order");
    } else if (status != CspOrder.Status.COMPLETED) {
      Number checksSoFar = (Number) execution.getVariable("provisioningChecks");
      execution.setVariable("provisioningChecks", checksSoFar == null ? 1 : checksSoFar.intValue() + 1);
    }
  }
}
