package com.cspflow.ordering;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RetryOrder: the back office's corrected quantity or term, placed as a new attempt. */
@Component
public class RetryOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;
  private final ProcessCommands commands;

  public RetryOrderDelegate(OrderingService ordering, ProcessCommands commands) {
    this.ordering = ordering;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OrderDecisions.FailedOrder decision = commands.read(execution, OrderDecisions.FailedOrder.class);
    ordering.retry(execution.getProcessBusinessKey(), decision.quantity(), decision.termDuration());
    execution.setVariable("failureReason", null);
  }
}
