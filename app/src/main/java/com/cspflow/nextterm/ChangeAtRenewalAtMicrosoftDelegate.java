package com.cspflow.nextterm;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ChangeAtMicrosoft: auto-renew and the next term at Microsoft, then our record's renewal facts; a refusal
 * (4xx) is Error_RenewalChangeRefused with Microsoft's reason, an outage is retried by the job.
 */
@Component
public class ChangeAtRenewalAtMicrosoftDelegate implements JavaDelegate {

  private final RenewalChangeService renewalChanges;

  public ChangeAtRenewalAtMicrosoftDelegate(RenewalChangeService renewalChanges) {
    this.renewalChanges = renewalChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      renewalChanges.apply(execution.getProcessBusinessKey());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("RENEWAL_CHANGE_REFUSED", refused);
    }
  }
}
