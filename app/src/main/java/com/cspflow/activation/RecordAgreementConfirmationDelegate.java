package com.cspflow.activation;

import com.cspflow.platform.SignedInUser;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordAgreementConfirmation: who confirmed in Tasklist (the signed-in user) and when. */
@Component
public class RecordAgreementConfirmationDelegate implements JavaDelegate {

  private final ActivationService activation;
  private final SignedInUser signedInUser;

  public RecordAgreementConfirmationDelegate(ActivationService activation, SignedInUser signedInUser) {
    this.activation = activation;
    this.signedInUser = signedInUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object confirmedBy = signedInUser.id().orElse((String) execution.getVariable("confirmedBy"));
    activation.recordAgreement(execution.getProcessBusinessKey(),
        confirmedBy == null ? "unknown" : confirmedBy.toString());
  }
}
