package com.cspflow.credentials;

import com.cspflow.credentials.CredentialsDecisions.Arrival;
import com.cspflow.credentials.CredentialsDecisions.PasswordArrival;
import com.cspflow.platform.SignedInUser;
import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPasswordArrival: what the recipient of a password mail of unknown delivery told the back office, on
 * record as an attempt of the signed-in user completing "Ask whether the password arrived"; an arrived mail spends
 * the issue.
 */
@Component
public class RecordPasswordArrivalDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;
  private final ProcessCommands commands;
  private final SignedInUser signedInUser;

  public RecordPasswordArrivalDelegate(AdminCredentialsService credentials, ProcessCommands commands,
      SignedInUser signedInUser) {
    this.credentials = credentials;
    this.commands = commands;
    this.signedInUser = signedInUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PasswordArrival answer = commands.read(execution, PasswordArrival.class);
    credentials.deliveryAnswered(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
        answer.arrival() == Arrival.ARRIVED, signedInUser.id().orElse(null));
  }
}
