package com.cspflow.partnersetup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ActivatePartnerService: the partner may now sell Microsoft 365 and read the price list. */
@Component
public class ActivatePartnerServiceDelegate implements JavaDelegate {

  private final PartnerSetupService setup;

  public ActivatePartnerServiceDelegate(PartnerSetupService setup) {
    this.setup = setup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    setup.activate(execution.getProcessBusinessKey(), (String) execution.getVariable("microsoftPartnerName"));
  }
}
