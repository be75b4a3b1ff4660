package com.cspflow.credentials;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_WithdrawRequest: the unsent claim is released, so that a later request can issue the credentials. */
@Component
public class WithdrawRequestDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;

  public WithdrawRequestDelegate(AdminCredentialsService credentials) {
    this.credentials = credentials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    credentials.withdraw(execution.getProcessBusinessKey());
  }
}
