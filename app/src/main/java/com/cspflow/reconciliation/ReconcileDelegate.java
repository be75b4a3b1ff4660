package com.cspflow.reconciliation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_Reconcile: matches the lines and leaves the summary on the instance, for Cockpit ({@code reconciliationId},
 * the counts and totals) and {@code needsReview} for the gateway.
 */
@Component
public class ReconcileDelegate implements JavaDelegate {

  private final ReconciliationService reconciliation;

  public ReconcileDelegate(ReconciliationService reconciliation) {
    this.reconciliation = reconciliation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Reconciliations.Reconciliation result = reconciliation.reconcile((String) execution.getVariable("period"),
        (String) execution.getVariable("exportId"));
    Reconciliations.Totals totals = result.totals();
    execution.setVariable("reconciliationId", result.id());
    execution.setVariable("matched", totals.matched());
    execution.setVariable("amountDifferences", totals.amountDifferences());
    execution.setVariable("quantityDifferences", totals.quantityDifferences());
    execution.setVariable("notBilledByUs", totals.notBilledByUs());
    execution.setVariable("notChargedByMicrosoft", totals.notChargedByMicrosoft());
    execution.setVariable("microsoftTotal", totals.microsoftTotal().toPlainString() + " " + result.currency());
    execution.setVariable("ourTotal", totals.ourTotal().toPlainString() + " " + result.currency());
    execution.setVariable("leakage", totals.leakage().toPlainString() + " " + result.currency());
    execution.setVariable("difference", totals.difference().toPlainString() + " " + result.currency());
    execution.setVariable("needsReview", reconciliation.needsReview(totals));
  }
}
