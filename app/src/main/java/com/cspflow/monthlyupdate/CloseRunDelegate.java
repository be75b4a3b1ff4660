package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseRun: the run's summary, kept on the run and shown on the process instance in Cockpit. */
@Component
public class CloseRunDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public CloseRunDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RunSummary summary = monthlyUpdate.close((String) execution.getVariable("runId"));
    execution.setVariable("summary", summary.headline());
    execution.setVariable("subscriptions", summary.subscriptions());
    execution.setVariable("billingLines", summary.billingLines());
    execution.setVariable("driftCount", summary.driftCount());
    execution.setVariable("failedCustomers", summary.failedCustomers());
    execution.setVariable("totals", summary.totals());
    execution.setVariable("durationSeconds", summary.durationSeconds());
  }
}
