package com.cspflow.csp.consent;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckConsent: shows the consent's state as variables (Cockpit), fails while Microsoft refuses it (an incident
 * that says how to renew it), and tells the process when a newer consent has replaced this one.
 */
@Component
public class CheckConsentDelegate implements JavaDelegate {

  private final ConsentService consents;

  public CheckConsentDelegate(ConsentService consents) {
    this.consents = consents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var state = consents.watch((Integer) execution.getVariable(ConsentService.VERSION));
    execution.setVariable("replaced", state.isEmpty());
    state.ifPresent(consent -> {
      execution.setVariable("consentGivenAt", date(consent.givenAt()));
      execution.setVariable("consentGivenBy", consent.givenBy());
      execution.setVariable("consentLastUsedAt", date(consent.lastUsedAt()));
      execution.setVariable("consentExpiresIfUnusedAt", date(consent.expiresIfUnusedAt()));
    });
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}
