package com.cspflow.partnersetup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordServiceRequest: checks the input and records the request; the partner id is the business key. */
@Component
public class RequestPartnerServiceDelegate implements JavaDelegate {

  private final PartnerSetupService setup;

  public RequestPartnerServiceDelegate(PartnerSetupService setup) {
    this.setup = setup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    setup.request(execution.getVariable("partnerId"), execution.getVariable("mpnId"),
        execution.getVariable("contactName"), execution.getVariable("contactEmail"));
    execution.setProcessBusinessKey(execution.getVariable("partnerId").toString().trim());
  }
}
