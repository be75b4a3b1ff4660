package com.cspflow.activation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Task_RecordAgreementConfirmation: who confirmed in Tasklist (the signed-in user) and when. */
@Component
public class RecordAgreementConfirmationDelegate implements JavaDelegate {

  private final ActivationService activation;
  private final IdentityService identityService;

  public RecordAgreementConfirmationDelegate(ActivationService activation, IdentityService identityService) {
    this.activation = activation;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Authentication user = identityService.getCurrentAuthentication();
    Object confirmedBy = user != null ? user.getUserId() : execution.getVariable("confirmedBy");
    activation.recordAgreement(execution.getProcessBusinessKey(),
        confirmedBy == null ? "unknown" : confirmedBy.toString());
  }
}
