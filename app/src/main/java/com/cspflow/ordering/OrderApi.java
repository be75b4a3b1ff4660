package com.cspflow.ordering;

import org.springframework.web.bind.annotation.RequestParam;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import com.cspflow.platform.api.Paging;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * "My services – Microsoft O365 – Orders": a partner (or the portal for it) orders a subscription for one of its
 * customers and follows the order from In progress to Fulfilled.
 */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Orders", description = "Subscription orders: In progress, then Fulfilled (or Failed with the reason)")
public class OrderApi {

  private final OrderRepository orders;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public OrderApi(OrderRepository orders, OrganizationDirectory organizations, PartnerAccess access,
      ProcessStarter processes) {
    this.orders = orders;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
  }

  /**
   * Starts the order: 201 with the order as stored (In progress) and its Location; 400 naming each bad field,
   * nothing started or stored. Send an Idempotency-Key and a retry after a timeout gets this same answer instead of
   * a second order.
   */
  @PostMapping("/orders")
  @Operation(summary = "Order a subscription", description = "Category, product group, product (catalog item) and "
      + "quantity on a term; billed monthly unless billingCycle says otherwise. Honours Idempotency-Key.")
  @ResponseStatus(HttpStatus.CREATED)
  public ResponseEntity<SubscriptionOrder> place(@PathVariable @PartnerId String partnerId,
      @Valid @RequestBody OrderSubscription order) {
    ApiCaller caller = access.actingFor(partnerId);
    if (!organizations.belongsTo(order.organizationId(), partnerId)) {
      throw new InvalidProcessInput(Map.of("organizationId", "is not an organization of partner " + partnerId));
    }
    // The order's fields stay in its row: the instance keeps none of them as variables.
    String orderId = processes.startKeepingNoVariables(OrderingService.PROCESS_KEY, order, caller);
    return ResponseEntity.created(URI.create("/api/partners/" + partnerId + "/orders/" + orderId))
        .body(orders.find(orderId).orElseThrow());
  }

  @GetMapping("/orders/{orderId}")
  @Operation(summary = "An order with its status, failure reason and subscription")
  public SubscriptionOrder order(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String orderId) {
    access.readingFor(partnerId);
    return orders.find(orderId).filter(o -> organizations.belongsTo(o.organizationId(), partnerId))
        .orElseThrow(() -> new NotFound("No order " + orderId + " of partner " + partnerId));
  }

  @GetMapping("/orders")
  @Operation(summary = "The partner's orders for all its customers, newest first, of one status if asked; a page of "
      + "them with page and size")
  public ResponseEntity<List<SubscriptionOrder>> ordersOfPartner(@PathVariable @PartnerId String partnerId,
      @Parameter(description = "Only the orders of this status") @RequestParam(required = false)
      SubscriptionOrder.Status status,
      @Parameter(description = Paging.PAGE_HINT) @RequestParam(required = false) @Min(0) @Max(Paging.MAX_PAGE)
      Integer page,
      @Parameter(description = Paging.SIZE_HINT) @RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE)
      Integer size) {
    access.readingFor(partnerId);
    Paging paging = Paging.of(page, size);
    return Paging.answer(paging, orders.ofPartner(partnerId, status, paging), orders.countOfPartner(partnerId,
        status));
  }

  @GetMapping("/organizations/{organizationId}/orders")
  @Operation(summary = "A customer's orders, newest first; a page of them with page and size")
  public ResponseEntity<List<SubscriptionOrder>> ordersOf(@PathVariable @PartnerId String partnerId,
      @Parameter(description = "The customer organization") @PathVariable
      @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
      @Parameter(description = Paging.PAGE_HINT) @RequestParam(required = false) @Min(0) @Max(Paging.MAX_PAGE)
      Integer page,
      @Parameter(description = Paging.SIZE_HINT) @RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE)
      Integer size) {
    access.readingFor(partnerId);
    if (!organizations.belongsTo(organizationId, partnerId)) {
      throw new NotFound("No organization " + organizationId + " of partner " + partnerId);
    }
    return Paging.of(Paging.of(page, size), orders.ofOrganization(organizationId));
  }
}
