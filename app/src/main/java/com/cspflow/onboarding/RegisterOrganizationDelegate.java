package com.cspflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterOrganization: stores the organization; its id becomes the business key. */
@Component
public class RegisterOrganizationDelegate implements JavaDelegate {

  private final OnboardingService onboarding;

  public RegisterOrganizationDelegate(OnboardingService onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var check = onboarding.register(
        (String) execution.getVariable("partnerId"),
        (String) execution.getVariable("organizationName"),
        execution::getVariable);
    execution.setProcessBusinessKey(check.organizationId());
    execution.setVariable("organizationId", check.organizationId());
    OnboardingVariables.writeCheck(execution, check);
  }
}
