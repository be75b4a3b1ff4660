package com.cspflow.cancellation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyPartner: the partner's contact learns that the subscription is cancelled. */
@Component
public class NotifyPartnerOfCancellationDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;

  public NotifyPartnerOfCancellationDelegate(SubscriptionCancellationService cancellations) {
    this.cancellations = cancellations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cancellations.notifyPartner(execution.getProcessBusinessKey());
  }
}
