package com.cspflow.ordering;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
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
   * Starts the order process with the request as its variables, under the caller's engine permissions (as
   * Camunda's REST start would): 201 with the order In progress, 400 naming each bad field (nothing started or
   * stored), 403 without permission to start the process.
   */
  @PostMapping("/api/orders")
  public ResponseEntity<SubscriptionOrder> place(@RequestBody OrderingService.OrderRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organizationId", request.organizationId());
    variables.put("category", request.category());
    variables.put("productGroup", request.productGroup());
    variables.put("catalogItemId", request.catalogItemId());
    variables.put("quantity", request.quantity());
    variables.put("termDuration", request.termDuration());
    if (request.billingCycle() != null) {
      variables.put("billingCycle", request.billingCycle());
    }
    String orderId = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables).getBusinessKey();
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
