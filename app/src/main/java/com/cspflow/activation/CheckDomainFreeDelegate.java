package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckDomainFree: is the chosen onmicrosoft.com domain still free? */
@Component
public class CheckDomainFreeDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CheckDomainFreeDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var check = activation.checkDomain(execution.getProcessBusinessKey(), (String) execution.getVariable("domainPrefix"));
    execution.setVariable("domainFree", check.free());
    execution.setVariable("domainProblem", check.reason());
  }
}
