package com.cspflow.activation;

import com.cspflow.platform.SignedInUser;
import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckActivationRequest: refuses bad input (400, 409 for a conflict; nothing stored) and records the request. */
@Component
public class CheckActivationRequestDelegate implements JavaDelegate {

  private final ActivationService activation;
  private final ProcessCommands commands;
  private final SignedInUser signedInUser;

  public CheckActivationRequestDelegate(ActivationService activation, ProcessCommands commands,
      SignedInUser signedInUser) {
    this.activation = activation;
    this.commands = commands;
    this.signedInUser = signedInUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AddMicrosoft365 command = commands.read(execution, AddMicrosoft365.class);
    activation.request(command, signedInUser.id().orElse(null));
    String organizationId = command.organizationId().trim();
    execution.setProcessBusinessKey(organizationId);
    execution.setVariable("organizationId", organizationId);
    execution.setVariable("mode", command.mode().name());
    execution.setVariable("agreementConfirmed", command.confirmedNow());
  }
}
