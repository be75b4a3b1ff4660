package com.cspflow.ordering;

import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "My services – Microsoft O365 – Orders": the portal orders a subscription, and reads one order or a customer's
 * orders with their status.
 */
@RestController
public class OrderController {

  static final String PROCESS_KEY = "subscriptionOrder";

  private final OrderRepository orders;
  private final RuntimeService runtimeService;

  public OrderController(OrderRepository orders, RuntimeService runtimeService) {
    this.orders = orders;
    this.runtimeService = runtimeService;
  }

  /**
   * Starts the order process under the caller's engine permissions (as Camunda's REST start would): 201 with
   * the order as stored once the start committed (In progress at first), 400 naming each bad field (nothing
   * started or stored), 403 without permission to start the process. The order's details live in its row, not
   * in process variables.
   */
  @PostMapping("/api/orders")
  public ResponseEntity<SubscriptionOrder> place(@RequestBody OrderingService.OrderRequest request) {
    // Transient: read by "Register order" in this transaction, then kept in the order's row, not as variables
    VariableMap input = Variables.createVariables()
        .putValueTyped("organizationId", Variables.untypedValue(request.organizationId(), true))
        .putValueTyped("category", Variables.untypedValue(request.category(), true))
        .putValueTyped("productGroup", Variables.untypedValue(request.productGroup(), true))
        .putValueTyped("catalogItemId", Variables.untypedValue(request.catalogItemId(), true))
        .putValueTyped("quantity", Variables.untypedValue(request.quantity(), true))
        .putValueTyped("termDuration", Variables.untypedValue(request.termDuration(), true))
        .putValueTyped("billingCycle", Variables.untypedValue(request.billingCycle(), true));
    String orderId = runtimeService.startProcessInstanceByKey(PROCESS_KEY, input).getBusinessKey();
    return ResponseEntity.created(URI.create("/api/orders/" + orderId)).body(order(orderId));
  }

  @GetMapping("/api/orders/{id}")
  public SubscriptionOrder order(@PathVariable String id) {
    return orders.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + id));
  }

  @GetMapping("/api/organizations/{organizationId}/orders")
  public List<SubscriptionOrder> ordersOf(@PathVariable String organizationId) {
    return orders.ofOrganization(organizationId);
  }
}
