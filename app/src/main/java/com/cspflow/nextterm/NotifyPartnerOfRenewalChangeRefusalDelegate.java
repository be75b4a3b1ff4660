package com.cspflow.nextterm;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyPartnerOfRefusal: the partner learns that Microsoft refused the change, and why. */
@Component
public class NotifyPartnerOfRenewalChangeRefusalDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;

  public NotifyPartnerOfRenewalChangeRefusalDelegate(RenewalChangeService renewalChanges) {
    this.renewalChanges = renewalChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewalChanges.notifyPartnerOfRefusal(execution.getProcessBusinessKey());
  }
}
