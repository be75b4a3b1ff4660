package com.cspflow.nextterm;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ChangeAtMicrosoft: auto-renew and the next term at Microsoft, then our record's renewal facts. */
@Component
public class ChangeAtRenewalAtMicrosoftDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;

  public ChangeAtRenewalAtMicrosoftDelegate(RenewalChangeService renewalChanges) {
    this.renewalChanges = renewalChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewalChanges.apply(execution.getProcessBusinessKey());
  }
}
