package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckActivationRequest: refuses bad input (400, nothing stored) and records the request. */
@Component
public class CheckActivationRequestDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CheckActivationRequestDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String organizationId = String.valueOf(execution.getVariable("organizationId")).trim();
    boolean agreementConfirmed = Boolean.parseBoolean(String.valueOf(execution.getVariable("agreementConfirmed")));
    Object confirmedBy = execution.getVariable("confirmedBy") != null
        ? execution.getVariable("confirmedBy") : execution.getVariable("requestedBy");
    M365Service.Mode mode = activation.request(execution.getVariable("organizationId"), execution.getVariable("mode"),
        execution.getVariable("domainPrefix"), agreementConfirmed, confirmedBy == null ? null : confirmedBy.toString());
    execution.setProcessBusinessKey(organizationId);
    execution.setVariable("organizationId", organizationId);
    execution.setVariable("mode", mode.name());
    execution.setVariable("agreementConfirmed", agreementConfirmed);
  }
}
