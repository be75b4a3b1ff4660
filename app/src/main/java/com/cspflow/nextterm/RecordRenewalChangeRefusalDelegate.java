package com.cspflow.nextterm;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefusal: the change is Refused with Microsoft's reason, which the instance shows in Cockpit. */
@Component
public class RecordRenewalChangeRefusalDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;

  public RecordRenewalChangeRefusalDelegate(RenewalChangeService renewalChanges) {
    this.renewalChanges = renewalChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("refusalReason", renewalChanges.refuse(execution.getProcessBusinessKey(),
        (String) execution.getVariable("refusalReason")));
  }
}
