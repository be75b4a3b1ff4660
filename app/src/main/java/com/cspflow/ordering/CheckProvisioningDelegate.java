package com.cspflow.ordering;

import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspTechnicalException;

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

  /** The order as placed in this job (transient): the first check takes it instead of reading the order again. */
  static final String PLACED_ORDER = "placedOrder";

  private final OrderingService ordering;

  public CheckProvisioningDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String orderId = execution.getProcessBusinessKey();
    CspOrder.Status status;
    try {
      status = execution.getVariable(PLACED_ORDER) instanceof OrderRepository.AtMicrosoft placed
          && placed.order().id().equals(orderId)
          ? ordering.checkProvisioning(placed) : ordering.checkProvisioning(orderId);
    } catch (CspTechnicalException failed) {
      // The first check runs in the placing job, so Cockpit shows its incident on "Place order with Microsoft":
      // the message says that the order is there and what retrying does.
      throw new CspTechnicalException("Order " + orderId + " is placed at Microsoft; checking whether it is"
          + " provisioned failed: " + failed.getMessage() + ". Retrying this job checks again and does not order"
          + " again.", failed);
    }
    execution.setVariable("provisioningStatus", Variables.stringValue(status.name(), true));
    if (status == CspOrder.Status.CANCELLED) {
      execution.setVariable("failureReason", "Microsoft cancelled the order");
    } else if (status != CspOrder.Status.COMPLETED) {
      Number checksSoFar = (Number) execution.getVariable("provisioningChecks");
      execution.setVariable("provisioningChecks", checksSoFar == null ? 1 : checksSoFar.intValue() + 1);
    }
  }
}
