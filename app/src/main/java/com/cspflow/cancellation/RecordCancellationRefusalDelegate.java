package com.cspflow.cancellation;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefusal: Microsoft's reason and the date the subscription can end at, for the record and the form. */
@Component
public class RecordCancellationRefusalDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;

  public RecordCancellationRefusalDelegate(SubscriptionCancellationService cancellations) {
    this.cancellations = cancellations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String renewalDate = (String) execution.getVariable("renewalDate");
    String cancellationId = execution.getProcessBusinessKey();
    execution.setVariable("refusalReason", cancellations.refuse(cancellationId,
        (String) execution.getVariable("refusalReason"), renewalDate == null ? null : Instant.parse(renewalDate)));
    Instant canEndAt = cancellations.cancellation(cancellationId).canEndAt();
    execution.setVariable("canEndOn", canEndAt == null ? "" : SubscriptionCancellationService.day(canEndAt));
  }
}
