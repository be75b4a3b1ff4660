package com.cspflow.renewals;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendRenewalNotices: the notices due today; how many renewals were looked at shows in Cockpit. */
@Component
public class SendRenewalNoticesDelegate implements JavaDelegate {

  private final RenewalNotices notices;

  public SendRenewalNoticesDelegate(RenewalNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("renewalsLookedAt", notices.sendDue());
  }
}
