package com.cspflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_UpdateOrganizationDetails: stores what the back office entered and checks it again. */
@Component
public class UpdateOrganizationDetailsDelegate implements JavaDelegate {

  private final OnboardingService onboarding;

  public UpdateOrganizationDetailsDelegate(OnboardingService onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var check = onboarding.updateDetails((String) execution.getVariable("organizationId"), execution::getVariable);
    OnboardingVariables.writeCheck(execution, check);
  }
}
