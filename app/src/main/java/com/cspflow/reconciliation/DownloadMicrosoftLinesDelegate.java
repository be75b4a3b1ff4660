package com.cspflow.reconciliation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_DownloadLines: Microsoft's files, those not stored yet ({@code microsoftLines}: how many lines in all). */
@Component
public class DownloadMicrosoftLinesDelegate implements JavaDelegate {

  private final ReconciliationService reconciliation;

  public DownloadMicrosoftLinesDelegate(ReconciliationService reconciliation) {
    this.reconciliation = reconciliation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("microsoftLines", reconciliation.download((String) execution.getVariable("exportId")));
  }
}
