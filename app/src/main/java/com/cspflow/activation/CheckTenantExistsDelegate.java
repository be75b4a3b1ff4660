package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckTenantExists: only a customer that already has Microsoft 365 can be migrated; its tenant id is kept for
 * the GDAP request.
 */
@Component
public class CheckTenantExistsDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CheckTenantExistsDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!activation.tenantExists(execution.getProcessBusinessKey())) {
      throw new BpmnError("NO_TENANT_TO_MIGRATE", "There is no Microsoft 365 tenant on " + execution.getVariable("domainPrefix")
          + ".onmicrosoft.com to migrate; add the service as a new tenant instead");
    }
  }
}
