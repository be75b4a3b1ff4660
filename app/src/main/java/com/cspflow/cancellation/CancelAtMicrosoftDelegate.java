package com.cspflow.cancellation;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspRenewalOnlyException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CancelAtMicrosoft: cancelled, or Error_CancellationRefused with Microsoft's reason; when the window has closed,
 * the renewal date Microsoft reported ({@code renewalDate}, ISO instant) goes with it.
 */
@Component
public class CancelAtMicrosoftDelegate implements JavaDelegate {

  private final SubscriptionCancellationService cancellations;

  public CancelAtMicrosoftDelegate(SubscriptionCancellationService cancellations) {
    this.cancellations = cancellations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      cancellations.cancel(execution.getProcessBusinessKey());
    } catch (CspRenewalOnlyException tooLate) {
      if (tooLate.renewalDate() != null) {
        execution.setVariable("renewalDate", tooLate.renewalDate().toString());
      }
      throw CspBpmnErrors.asBpmnError("CANCELLATION_REFUSED", tooLate);
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("CANCELLATION_REFUSED", refused);
    }
  }
}
