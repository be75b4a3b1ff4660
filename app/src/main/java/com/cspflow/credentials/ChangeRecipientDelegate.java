package com.cspflow.credentials;

import com.cspflow.credentials.CredentialsDecisions.RecipientCorrection;
import com.cspflow.platform.SignedInUser;
import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ChangeRecipient: the corrected address becomes the one the credentials go to, asked for by the back-office
 * user who corrected it (the signed-in user completing "Correct the recipient address").
 */
@Component
public class ChangeRecipientDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;
  private final ProcessCommands commands;
  private final SignedInUser signedInUser;

  public ChangeRecipientDelegate(AdminCredentialsService credentials, ProcessCommands commands,
      SignedInUser signedInUser) {
    this.credentials = credentials;
    this.commands = commands;
    this.signedInUser = signedInUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RecipientCorrection correction = commands.read(execution, RecipientCorrection.class);
    credentials.changeRecipient(execution.getProcessBusinessKey(), correction.recipientEmail(),
        signedInUser.id().orElse(null));
  }
}
