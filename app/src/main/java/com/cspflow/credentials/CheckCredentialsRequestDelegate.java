package com.cspflow.credentials;

import com.cspflow.platform.SignedInUser;
import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckCredentialsRequest: refuses bad input (400, nothing stored) and decides, exactly once per
 * organization, whether this request issues the password. The requester is the signed-in user (REST or
 * Tasklist), never a variable a caller could set.
 */
@Component
public class CheckCredentialsRequestDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;
  private final SignedInUser signedInUser;
  private final ProcessCommands commands;

  public CheckCredentialsRequestDelegate(AdminCredentialsService credentials, SignedInUser signedInUser,
      ProcessCommands commands) {
    this.credentials = credentials;
    this.signedInUser = signedInUser;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var decision = credentials.request(commands.read(execution, RequestAdminCredentials.class),
        signedInUser.id().orElse(null), execution.getProcessInstanceId());
    execution.setProcessBusinessKey(decision.organizationId());
    execution.setVariable("organizationId", decision.organizationId());
    execution.setVariable("recipientEmail", decision.recipientEmail());
    execution.setVariable("adminUserName", decision.adminUserName());
    execution.setVariable("issuedBefore", decision.issuedBefore());
  }
}
