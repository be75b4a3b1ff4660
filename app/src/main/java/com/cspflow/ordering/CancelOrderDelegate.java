package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CancelOrder: the back office gave up on a failed order. */
@Component
public class CancelOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public CancelOrderDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ordering.cancel(execution.getProcessBusinessKey());
  }
}
