package com.cspflow.renewals;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_FollowRenewalsDue: our records follow what Microsoft renewed or ended; what it found shows in Cockpit. */
@Component
public class FollowRenewalsDueDelegate implements JavaDelegate {

  private final RenewalFollowUp followUp;

  public FollowRenewalsDueDelegate(RenewalFollowUp followUp) {
    this.followUp = followUp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalFollowUp.Found found = followUp.followDue();
    execution.setVariable("customersWithRenewalsDue", found.customers());
    execution.setVariable("subscriptionsRenewed", found.renewed());
    execution.setVariable("subscriptionsExpired", found.expired());
    execution.setVariable("customersNotRead", found.customersFailed());
  }
}
