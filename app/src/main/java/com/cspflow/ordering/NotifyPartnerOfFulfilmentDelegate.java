package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyPartner: the partner's contact learns the subscription is ready. */
@Component
public class NotifyPartnerOfFulfilmentDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public NotifyPartnerOfFulfilmentDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ordering.notifyPartner(execution.getProcessBusinessKey());
  }
}
