package com.cspflow.activation;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CreateCustomerTenant: the new tenant, or Error_TenantCreationRefused with Microsoft's reason. */
@Component
public class CreateCustomerTenantDelegate implements JavaDelegate {

  private final ActivationService activation;

  public CreateCustomerTenantDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      activation.createTenant(execution.getProcessBusinessKey());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError("TENANT_CREATION_REFUSED", refused);
    }
  }
}
