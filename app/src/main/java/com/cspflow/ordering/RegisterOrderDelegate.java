package com.cspflow.ordering;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterOrder: refuses a bad order (400, nothing stored) or stores it In progress; its id is the business key. */
@Component
public class RegisterOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;
  private final ProcessCommands commands;

  public RegisterOrderDelegate(OrderingService ordering, ProcessCommands commands) {
    this.ordering = ordering;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubscriptionOrder order = ordering.register(commands.read(execution, OrderSubscription.class),
        (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(order.id());
  }
}
