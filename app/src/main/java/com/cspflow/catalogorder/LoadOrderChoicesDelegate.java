package com.cspflow.catalogorder;

import com.cspflow.catalogorder.CatalogOrderCommands.OrderFromCatalog;
import com.cspflow.platform.input.ProcessCommands;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Task_LoadChoices: today's choices for the customer into the variables the task's form reads. The lists are JSON
 * variables (Tasklist's Camunda Forms take a field's options from one); the rest are plain strings.
 */
@Component
public class LoadOrderChoicesDelegate implements JavaDelegate {

  private final CatalogOrderService catalogOrders;
  private final ProcessCommands commands;
  private final ObjectMapper json;

  public LoadOrderChoicesDelegate(CatalogOrderService catalogOrders, ProcessCommands commands, ObjectMapper json) {
    this.catalogOrders = catalogOrders;
    this.commands = commands;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String organizationId = commands.read(execution, OrderFromCatalog.class).organizationId().trim();
    OrderChoices choices = catalogOrders.choicesFor(organizationId);
    execution.setProcessBusinessKey(organizationId);
    execution.setVariable("organizationName", choices.organizationName());
    execution.setVariable("partnerId", choices.partnerId());
    execution.setVariable("currency", choices.currency());
    execution.setVariable("categories", asJson(choices.categories()));
    execution.setVariable("productGroups", asJson(choices.productGroups()));
    execution.setVariable("products", asJson(choices.products()));
    execution.setVariable("terms", asJson(choices.terms()));
    execution.setVariable("billingPlans", asJson(choices.billingPlans()));
  }

  private Object asJson(Object list) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(list)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the order choices as JSON", e);
    }
  }
}
