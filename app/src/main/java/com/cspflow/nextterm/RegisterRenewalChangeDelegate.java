package com.cspflow.nextterm;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterRenewalChange: refuses bad input (400) or a conflict (409), or records it; its id is the business key. */
@Component
public class RegisterRenewalChangeDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;
  private final ProcessCommands commands;

  public RegisterRenewalChangeDelegate(RenewalChangeService renewalChanges, ProcessCommands commands) {
    this.renewalChanges = renewalChanges;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalChange change = renewalChanges.register(commands.read(execution, ChangeAtRenewal.class),
        (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(change.id());
    execution.setVariable("renewalChangeId", change.id());
  }
}
