package com.cspflow.credentials;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ResetAdminPassword: new password at Microsoft and the mail with it, in one job; a mail server's refusal for
 * good becomes Error_RecipientRefused, for the back office to correct the address; a mail an earlier run handed over
 * without hearing back becomes Error_DeliveryUnknown, for the back office to ask the recipient. Writes no variable.
 */
@Component
public class ResetAdminPasswordDelegate implements JavaDelegate {

  private final AdminCredentialsService credentials;

  public ResetAdminPasswordDelegate(AdminCredentialsService credentials) {
    this.credentials = credentials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      credentials.issueFirst(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    } catch (RecipientRefused refused) {
      throw new BpmnError(RecipientRefused.BPMN_ERROR, refused.getMessage());
    } catch (CredentialsDeliveryUnknown unknown) {
      throw new BpmnError(CredentialsDeliveryUnknown.BPMN_ERROR, unknown.getMessage());
    }
  }
}
