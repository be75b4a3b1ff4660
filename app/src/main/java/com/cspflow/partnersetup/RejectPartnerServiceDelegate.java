package com.cspflow.partnersetup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRejection: keeps Microsoft's reason with the partner, for the partner and the back office. */
@Component
public class RejectPartnerServiceDelegate implements JavaDelegate {

  private final PartnerSetupService setup;

  public RejectPartnerServiceDelegate(PartnerSetupService setup) {
    this.setup = setup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    setup.reject(execution.getProcessBusinessKey(), (String) execution.getVariable("rejectionReason"));
  }
}
