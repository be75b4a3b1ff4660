package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_MarkOrderFailed: the order shows Failed with the reason, for the partner and the back office, and the
 * form "Handle failed order" gets what was ordered (quantity, term) to show and correct.
 */
@Component
public class MarkOrderFailedDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public MarkOrderFailedDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable("failureReason");
    SubscriptionOrder order = ordering.markFailed(execution.getProcessBusinessKey(),
        reason == null ? "Failed" : reason.toString());
    execution.setVariable("quantity", order.quantity());
    execution.setVariable("termDuration", order.termDuration());
  }
}
