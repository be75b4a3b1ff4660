package com.cspflow.reconciliation;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckPeriod: the month to reconcile ({@code period}), and the export it reads ({@code exportId}). */
@Component
public class RegisterReconciliationDelegate implements JavaDelegate {

  private final ReconciliationService reconciliation;
  private final ProcessCommands commands;

  public RegisterReconciliationDelegate(ReconciliationService reconciliation, ProcessCommands commands) {
    this.reconciliation = reconciliation;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReconciliationService.Registered registered = reconciliation.register(
        commands.read(execution, ReconcileBilling.class));
    execution.setProcessBusinessKey(registered.exportId());
    execution.setVariable("period", registered.period());
    execution.setVariable("exportId", registered.exportId());
  }
}
