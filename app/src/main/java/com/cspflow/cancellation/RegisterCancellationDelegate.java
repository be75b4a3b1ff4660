package com.cspflow.cancellation;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterCancellation: refuses bad input (400) or a conflict (409), or records it; its id is the business key. */
@Component
public class RegisterCancellationDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;
  private final ProcessCommands commands;

  public RegisterCancellationDelegate(SubscriptionCancellationService cancellations, ProcessCommands commands) {
    this.cancellations = cancellations;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubscriptionCancellation cancellation = cancellations.register(
        commands.read(execution, CancelSubscription.class), (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(cancellation.id());
    execution.setVariable("cancellationId", cancellation.id());
  }
}
