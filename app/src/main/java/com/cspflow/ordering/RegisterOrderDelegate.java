package com.cspflow.ordering;

import com.cspflow.platform.input.ProcessCommands;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterOrder: refuses a bad order (400, nothing stored) or stores it In progress, requested by the caller the
 * engine has signed in (the API client, or the back-office user who chose it from the catalog); its id is the
 * business key.
 */
@Component
public class RegisterOrderDelegate implements JavaDelegate {

  private final OrderingService ordering;
  private final ProcessCommands commands;
  private final IdentityService identity;

  public RegisterOrderDelegate(OrderingService ordering, ProcessCommands commands, IdentityService identity) {
    this.ordering = ordering;
    this.commands = commands;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Authentication caller = identity.getCurrentAuthentication();
    SubscriptionOrder order = ordering.register(commands.read(execution, OrderSubscription.class),
        caller == null ? null : caller.getUserId());
    execution.setProcessBusinessKey(order.id());
    forgetTransientStartFields(execution.getProcessInstance());
  }

  /**
   * The start's fields, passed as transient variables, are in the order's row now. Dropped from the instance before
   * its row is written, that row says it holds no variables, and the placing job does not read them back to find none
   * (Camunda notes "has variables" while a transient one is still in hand at the flush). Stored variables, as an
   * administrator's start over the engine's REST API sets them, stay.
   */
  private static void forgetTransientStartFields(DelegateExecution instance) {
    for (String name : List.copyOf(instance.getVariableNamesLocal())) {
      TypedValue value = instance.getVariableLocalTyped(name, false);
      if (value != null && value.isTransient()) {
        instance.removeVariableLocal(name);
      }
    }
  }
}
