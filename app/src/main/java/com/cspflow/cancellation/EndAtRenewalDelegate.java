package com.cspflow.cancellation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_TurnOffAutoRenew: the subscription ends at its commitment end date instead of renewing. */
@Component
public class EndAtRenewalDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;

  public EndAtRenewalDelegate(SubscriptionCancellationService cancellations) {
    this.cancellations = cancellations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cancellations.endAtRenewal(execution.getProcessBusinessKey());
  }
}
