package com.cspflow.onboarding;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_UpdateOrganizationDetails: stores what the back office entered and checks it again. */
@Component
public class UpdateOrganizationDetailsDelegate implements JavaDelegate {

  private final OnboardingService onboarding;
  private final ProcessCommands commands;

  public UpdateOrganizationDetailsDelegate(OnboardingService onboarding, ProcessCommands commands) {
    this.onboarding = onboarding;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var check = onboarding.updateDetails((String) execution.getVariable("organizationId"),
        commands.read(execution, ContactAndAddress.class));
    OnboardingVariables.writeCheck(execution, check);
  }
}
