package com.cspflow.partnersetup;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordServiceRequest: checks the input and records the request; the partner id is the business key. */
@Component
public class RequestPartnerServiceDelegate implements JavaDelegate {

  private final PartnerSetupService setup;
  private final ProcessCommands commands;

  public RequestPartnerServiceDelegate(PartnerSetupService setup, ProcessCommands commands) {
    this.setup = setup;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AddMicrosoft365Service command = commands.read(execution, AddMicrosoft365Service.class);
    setup.request(command);
    execution.setProcessBusinessKey(command.partnerId().trim());
  }
}
