package com.cspflow.credentials;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Task_CheckCredentialsRequest: refuses bad input (400, nothing stored) and decides, exactly once per
 * organization, whether this request issues the password. The requester is the signed-in user (REST or
 * Tasklist), never a variable a caller could set.
 */
@Component
public class CheckCredentialsRequestDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;
  private final IdentityService identityService;

  public CheckCredentialsRequestDelegate(AdminCredentialsService credentials, IdentityService identityService) {
    this.credentials = credentials;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Authentication user = identityService.getCurrentAuthentication();
    var decision = credentials.request(execution.getVariable("organizationId"),
        execution.getVariable("recipientEmail"), user == null ? null : user.getUserId(),
        execution.getProcessInstanceId());
    execution.setProcessBusinessKey(decision.organizationId());
    execution.setVariable("organizationId", decision.organizationId());
    execution.setVariable("recipientEmail", decision.recipientEmail());
    execution.setVariable("adminUserName", decision.adminUserName());
    execution.setVariable("issuedBefore", decision.issuedBefore());
  }
}
