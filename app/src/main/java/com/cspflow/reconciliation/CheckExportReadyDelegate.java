package com.cspflow.reconciliation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckExport: whether Microsoft's export is ready ({@code exportReady}). */
@Component
public class CheckExportReadyDelegate implements JavaDelegate {

  private final ReconciliationService reconciliation;

  public CheckExportReadyDelegate(ReconciliationService reconciliation) {
    this.reconciliation = reconciliation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("exportReady", reconciliation.exportReady((String) execution.getVariable("exportId")));
  }
}
