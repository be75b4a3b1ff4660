package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_MarkOrderFailed: the order shows Failed with the reason, for the partner and the back office. */
@Component
public class MarkOrderFailedDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public MarkOrderFailedDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable("failureReason");
    ordering.markFailed(execution.getProcessBusinessKey(), reason == null ? "Failed" : reason.toString());
    // What was ordered, for the back office's form "Handle failed order" to show and correct
    SubscriptionOrder order = ordering.order(execution.getProcessBusinessKey());
    execution.setVariable("quantity", order.quantity());
    execution.setVariable("termDuration", order.termDuration());
  }
}
