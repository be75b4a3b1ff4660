package com.cspflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The routing variables of the onboarding process. */
final class OnboardingVariables {

  public static final String PROCESS_KEY = "customerOnboarding";

  private OnboardingVariables() {}

  static void writeCheck(DelegateExecution execution, OnboardingService.DetailsCheck check) {
    execution.setVariable("detailsComplete", check.complete());
    execution.setVariable("missingDetails", check.summary());
  }
}
