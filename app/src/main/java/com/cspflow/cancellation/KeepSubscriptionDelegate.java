package com.cspflow.cancellation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordKeep: the decision to keep the subscription, on the cancellation's record. */
@Component
public class KeepSubscriptionDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;

  public KeepSubscriptionDelegate(SubscriptionCancellationService cancellations) {
    this.cancellations = cancellations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cancellations.keep(execution.getProcessBusinessKey());
  }
}
