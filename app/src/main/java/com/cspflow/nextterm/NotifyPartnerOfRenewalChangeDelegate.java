package com.cspflow.nextterm;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyPartner: the partner's contact learns what happens at the renewal. */
@Component
public class NotifyPartnerOfRenewalChangeDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;

  public NotifyPartnerOfRenewalChangeDelegate(RenewalChangeService renewalChanges) {
    this.renewalChanges = renewalChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewalChanges.notifyPartner(execution.getProcessBusinessKey());
  }
}
