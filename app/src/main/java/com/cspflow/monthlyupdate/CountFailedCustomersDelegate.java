package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CountFailedCustomers: how many customers the chunks could not update. */
@Component
public class CountFailedCustomersDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public CountFailedCustomersDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("failedCustomers", monthlyUpdate.failedCustomers((String) execution.getVariable("runId")));
  }
}
