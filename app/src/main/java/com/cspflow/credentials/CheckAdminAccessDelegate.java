package com.cspflow.credentials;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckAdminAccess: whether GDAP lets the partner list the customer's users and reset its administrator's
 * password; if not, what exactly is missing, for the back office.
 */
@Component
public class CheckAdminAccessDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;

  public CheckAdminAccessDelegate(AdminCredentialsService credentials) {
    this.credentials = credentials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var access = credentials.checkAdminAccess(execution.getProcessBusinessKey());
    execution.setVariable("adminAccessGranted", access.isGranted());
    execution.setVariable("adminAccessMissing", access.missing().name());
    execution.setVariable("adminAccessProblem", access.explanation());
  }
}
