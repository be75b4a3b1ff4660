package com.cspflow.credentials;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendAdminUserName: the user name only, with when and to whom the credentials were issued. */
@Component
public class SendAdminUserNameDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;

  public SendAdminUserNameDelegate(AdminCredentialsService credentials) {
    this.credentials = credentials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    credentials.sendUserName(execution.getProcessBusinessKey(), (String) execution.getVariable("recipientEmail"));
  }
}
