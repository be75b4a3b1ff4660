package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RetryFailedCustomers: one more try for the customers that failed; counts the rounds. */
@Component
public class RetryFailedCustomersDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public RetryFailedCustomersDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("failedCustomers",
        monthlyUpdate.retryFailedCustomers((String) execution.getVariable("runId")));
    execution.setVariable("retryRound", (Integer) execution.getVariable("retryRound") + 1);
  }
}
