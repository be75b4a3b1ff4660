package com.cspflow.ordering;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** "My services – Microsoft O365 – Orders": one order, or a customer's orders, with their status. */
@RestController
public class OrderController {

  private final OrderRepository orders;

  public OrderController(OrderRepository orders) {
    this.orders = orders;
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
