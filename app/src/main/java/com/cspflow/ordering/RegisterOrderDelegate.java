package com.cspflow.ordering;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterOrder: refuses a bad order (400, nothing stored) or stores it In progress; its id is the business key. */
@Component
public class RegisterOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public RegisterOrderDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubscriptionOrder order = ordering.register(new OrderingService.OrderRequest(
        execution.getVariable("organizationId"), execution.getVariable("category"),
        execution.getVariable("productGroup"), execution.getVariable("catalogItemId"),
        execution.getVariable("quantity"), execution.getVariable("termDuration"),
        execution.getVariable("billingCycle")), (String) execution.getVariable("requestedBy"));
    execution.setProcessBusinessKey(order.id());
    execution.setVariable("orderId", order.id());
    execution.setVariable("provisioningChecks", 0);
  }
}
