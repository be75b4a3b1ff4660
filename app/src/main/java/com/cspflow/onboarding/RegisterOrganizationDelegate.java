package com.cspflow.onboarding;

import com.cspflow.platform.input.ProcessCommands;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterOrganization: stores the organization; its id becomes the business key. */
@Component
public class RegisterOrganizationDelegate implements JavaDelegate {

  private final OnboardingService onboarding;
  private final ProcessCommands commands;

  public RegisterOrganizationDelegate(OnboardingService onboarding, ProcessCommands commands) {
    this.onboarding = onboarding;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var check = onboarding.register(commands.read(execution, NewOrganization.class));
    execution.setProcessBusinessKey(check.organizationId());
    execution.setVariable("organizationId", check.organizationId());
    OnboardingVariables.writeCheck(execution, check);
  }
}
