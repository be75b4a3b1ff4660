package com.cspflow.activation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ImportSubscriptions: the migrated customer's subscriptions become ours to manage. */
@Component
public class ImportSubscriptionsDelegate implements JavaDelegate {

  private final ActivationService activation;

  public ImportSubscriptionsDelegate(ActivationService activation) {
    this.activation = activation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("importedSubscriptions", activation.importSubscriptions(execution.getProcessBusinessKey()));
  }
}
