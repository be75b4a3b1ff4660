package com.cspflow.reconciliation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RequestExport: asks Microsoft Graph for the period's unbilled lines (once, however often the job runs). */
@Component
public class RequestExportDelegate implements JavaDelegate {

  private final ReconciliationService reconciliation;

  public RequestExportDelegate(ReconciliationService reconciliation) {
    this.reconciliation = reconciliation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reconciliation.requestExport((String) execution.getVariable("exportId"));
  }
}
