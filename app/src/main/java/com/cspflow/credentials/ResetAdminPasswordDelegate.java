package com.cspflow.credentials;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ResetAdminPassword: new password at Microsoft and the mail with it, in one job; writes no variable. */
@Component
public class ResetAdminPasswordDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;

  public ResetAdminPasswordDelegate(AdminCredentialsService credentials) {
    this.credentials = credentials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    credentials.issueFirst(execution.getProcessBusinessKey());
  }
}
