package com.cspflow.quantitychange;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterQuantityChange: refuses bad input (400, nothing stored) or records the change; its id is the business key. */
@Component
public class RegisterQuantityChangeDelegate implements JavaDelegate {

  private final QuantityChangeService quantityChanges;
  private final ProcessCommands commands;

  public RegisterQuantityChangeDelegate(QuantityChangeService quantityChanges, ProcessCommands commands) {
    this.quantityChanges = quantityChanges;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    QuantityChange change = quantityChanges.register(commands.read(execution, ChangeQuantity.class),
        (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(change.id());
    execution.setVariable("changeId", change.id());
    execution.setVariable("scheduledNextTerm", change.keptNextTerm() == null ? "NONE" : "RESTORE");
  }
}
