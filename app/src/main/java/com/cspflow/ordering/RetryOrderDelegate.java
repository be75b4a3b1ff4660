package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RetryOrder: the back office's corrected quantity or term, placed as a new attempt. */
@Component
public class RetryOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public RetryOrderDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ordering.retry(execution.getProcessBusinessKey(), execution.getVariable("quantity"),
        execution.getVariable("termDuration"));
    execution.setVariable("failureReason", null);
  }
}
