package com.cspflow.partnersetup;

import com.cspflow.csp.CspBpmnErrors;
import com.cspflow.csp.CspBusinessException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_VerifyMpnId: Microsoft confirms the partner id, or Error_MpnIdRejected with its reason. */
@Component
public class VerifyMpnIdDelegate implements JavaDelegate {

  static final String MPN_ID_REJECTED = "MPN_ID_REJECTED";

  private final PartnerSetupService setup;

  public VerifyMpnIdDelegate(PartnerSetupService setup) {
    this.setup = setup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      execution.setVariable("microsoftPartnerName", setup.verify(execution.getProcessBusinessKey()).partnerName());
    } catch (CspBusinessException refused) {
      throw CspBpmnErrors.asBpmnError(MPN_ID_REJECTED, refused);
    }
  }
}
