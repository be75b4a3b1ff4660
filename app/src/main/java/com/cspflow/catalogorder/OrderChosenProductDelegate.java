package com.cspflow.catalogorder;

import com.cspflow.catalogorder.CatalogOrderCommands.ChosenProduct;
import com.cspflow.catalogorder.CatalogOrderService.OrderRefused;
import com.cspflow.platform.input.ProcessCommands;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_OrderChosen: orders the chosen product as the person who chose it. A refusal (the quantity outside the
 * product's range, a product withdrawn meanwhile, ...) is the error "Refused" with the reasons, which takes the
 * person back to fresh choices; an order placed ends the choosing, and its choices are dropped.
 */
@Component
public class OrderChosenProductDelegate implements JavaDelegate {

  static final List<String> CHOICES = List.of("categories", "productGroups", "products", "terms", "billingPlans");

  private final CatalogOrderService catalogOrders;
  private final ProcessCommands commands;

  public OrderChosenProductDelegate(CatalogOrderService catalogOrders, ProcessCommands commands) {
    this.catalogOrders = catalogOrders;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ChosenProduct chosen = commands.read(execution, ChosenProduct.class);
    String orderId;
    try {
      orderId = catalogOrders.order(execution.getProcessBusinessKey(), chosen);
    } catch (OrderRefused refused) {
      throw new BpmnError("ORDER_REFUSED", refused.getMessage());
    }
    execution.setVariable("orderId", orderId);
    execution.removeVariable("refusal");
    execution.removeVariables(CHOICES);
  }
}
