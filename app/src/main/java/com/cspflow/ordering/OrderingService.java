package com.cspflow.ordering;

import com.cspflow.reconciliation.ChargeLedger;
import com.cspflow.activation.M365Service;
import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.OrderLine;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InputCheck;
import com.cspflow.platform.mail.NotificationMail;
import com.cspflow.pricing.PartnerPrices;
import com.cspflow.pricing.SeatPrice;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders subscriptions at the CSP without losing or duplicating any: the order is stored before anything is
 * sent, every placement carries the order's idempotency key, and its state is only ever moved forward.
 *
 * <p>Methods that call the CSP run in the calling job's transaction (no {@code @Transactional} of their
 * own), so that a refusal the process turns into a BPMN error does not mark that transaction rollback-only; only a
 * placement Microsoft has answered and a fulfilment commit on their own, as save points of the job that places,
 * checks and tells the partner.
 */
@Service
public class OrderingService {

  public static final String PROCESS_KEY = "subscriptionOrder";
  static final String DEFAULT_BILLING_CYCLE = "monthly";

  private final OrderRepository orders;
  private final OrganizationRepository organizations;
  private final SubscriptionRepository subscriptions;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final CspPort csp;
  private final NotificationMail mail;
  private final ChargeLedger charges;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public OrderingService(OrderRepository orders, OrganizationRepository organizations,
      SubscriptionRepository subscriptions, CatalogService catalog, PartnerPrices prices,
      CspPort csp, NotificationMail mail, Clock clock, ChargeLedger charges, PlatformTransactionManager transactions) {
    this.orders = orders;
    this.organizations = organizations;
    this.subscriptions = subscriptions;
    this.catalog = catalog;
    this.prices = prices;
    this.csp = csp;
    this.mail = mail;
    this.clock = clock;
    this.charges = charges;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Checks the order (a valid command) against the customer's service and the catalog and stores it, In progress:
   * an unknown organization, one without active Microsoft 365 or a confirmed agreement, a product that is not in
   * the catalog or not in the category and group named, a term or billing plan the product is not sold on, or a
   * quantity outside the product's own range is a 400 naming the field; a withdrawn product a 409.
   */
  @Transactional
  public SubscriptionOrder register(OrderSubscription request, String requestedBy) {
    CheckedOrder checked = checked(request);
    Instant now = clock.instant();
    SeatPrice price = priceOf(checked.customer().partnerId(), checked.offer(), checked.term(),
        checked.billingCycle(), request.quantity());
    SubscriptionOrder order = new SubscriptionOrder(UUID.randomUUID().toString(), checked.customer().organizationId(),
        checked.offer().catalogItemId(), checked.offer().productName(), request.quantity(), checked.term(),
        checked.billingCycle(), SubscriptionOrder.Status.IN_PROGRESS, 1, null, null, null, requestedBy, now, now, null,
        price);
    orders.insert(order);
    return order;
  }

  /** Checks the order as {@link #register} does, storing nothing: 400 or 409 naming the field, or nothing. */
  public void check(OrderSubscription request) {
    checked(request);
  }

  /**
   * The customer, when it may order: a known organization with Microsoft 365 active and the customer agreement
   * confirmed; otherwise a 400 naming {@code organizationId}.
   */
  public OrderRepository.Customer customerWhoMayOrder(String organizationId) {
    InputCheck input = new InputCheck();
    Optional<OrderRepository.Customer> customer = customer(input, organizationId.trim());
    input.throwIfInvalid();
    return customer.orElseThrow();
  }

  private Optional<OrderRepository.Customer> customer(InputCheck input, String organizationId) {
    Optional<OrderRepository.Customer> customer = orders.customer(organizationId);
    if (customer.isEmpty()) {
      input.problem("organizationId", "is not a known organization");
    } else if (customer.get().serviceStatus() != M365Service.Status.ACTIVE) {
      input.problem("organizationId", "does not have Microsoft 365 active; add the service first");
    } else if (customer.get().agreementConfirmedAt() == null) {
      input.problem("organizationId", "has not confirmed the Microsoft Customer Agreement");
    }
    return customer;
  }

  private record CheckedOrder(OrderRepository.Customer customer, CatalogOffer offer, String term, String billingCycle) {}

  private CheckedOrder checked(OrderSubscription request) {
    InputCheck input = new InputCheck();
    Optional<OrderRepository.Customer> customer = customer(input, request.organizationId().trim());
    String catalogItemId = request.catalogItemId().trim();
    Optional<CatalogOffer> offer = catalog.offer(catalogItemId);
    if (offer.isEmpty()) {
      input.problem("catalogItemId", "is not a product in the catalog");
    }
    String billingCycle = request.billingCycle() == null || request.billingCycle().isBlank()
        ? DEFAULT_BILLING_CYCLE : request.billingCycle().trim();
    String term = request.termDuration().trim();
    offer.ifPresent(o -> {
      if (!o.category().equalsIgnoreCase(request.category().trim())) {
        input.problem("category", "'" + request.category().trim() + "' does not offer " + o.productName()
            + " (it is in " + o.category() + ")");
      }
      if (!o.productGroup().equalsIgnoreCase(request.productGroup().trim())) {
        input.problem("productGroup", "'" + request.productGroup().trim() + "' does not contain " + o.productName()
            + " (it is in " + o.productGroup() + ")");
      }
      checkTerms(input, o, term, billingCycle);
      checkQuantity(input, o, request.quantity());
    });
    input.throwIfInvalid();
    if (offer.get().withdrawn()) {
      throw new ConflictingProcessInput("catalogItemId", "was withdrawn from Microsoft's catalog on "
          + offer.get().withdrawnOn() + ": " + offer.get().productName() + " can no longer be ordered");
    }
    return new CheckedOrder(customer.get(), offer.get(), term, billingCycle);
  }

  /**
   * Cart and checkout at the CSP under the attempt's idempotency key, once per attempt. Microsoft's order id is
   * committed in a transaction of its own the moment Microsoft has answered, before the first provisioning check
   * that follows in the same job: a job retried because that check failed finds the attempt placed and checks
   * again, and never sends a checkout Microsoft has answered (its replay under the same {@code MS-RequestId} is
   * promised only for a retry after a timeout). Returns the order as placed, with its customer's tenant: what the
   * check in the same job takes instead of reading it again.
   */
  public OrderRepository.AtMicrosoft place(String orderId) {
    OrderRepository.AtMicrosoft atMicrosoft = orderAtMicrosoft(orderId);
    SubscriptionOrder order = atMicrosoft.order();
    if (order.cspOrderId() != null) {
      return atMicrosoft;
    }
    CspOrder placed = csp.placeOrder(order.requestId(), atMicrosoft.tenantId(),
        List.of(new OrderLine(order.catalogItemId(), order.quantity(), order.termDuration(), order.billingCycle())));
    Instant now = clock.instant();
    ownTransaction.executeWithoutResult(transaction -> orders.placed(orderId, placed.orderId(), now));
    return new OrderRepository.AtMicrosoft(order.placedAs(placed.orderId(), now), atMicrosoft.tenantId());
  }

  /**
   * Reads the provisioning status; when fulfilled, records the subscription, its charge and the Fulfilled status in a
   * transaction of their own, so that a step after the check in the same job (the partner's mail) cannot undo them.
   * An order recorded as Fulfilled by an earlier run of the job is not checked or recorded again.
   */
  public CspOrder.Status checkProvisioning(String orderId) {
    return checkProvisioning(orderAtMicrosoft(orderId));
  }

  /**
   * As {@link #checkProvisioning(String)}, for the order as {@link #place} returned it in the same job and
   * transaction: committed and not read again.
   */
  public CspOrder.Status checkProvisioning(OrderRepository.AtMicrosoft atMicrosoft) {
    SubscriptionOrder order = atMicrosoft.order();
    if (order.status() == SubscriptionOrder.Status.FULFILLED) {
      return CspOrder.Status.COMPLETED;
    }
    String tenantId = atMicrosoft.tenantId();
    CspOrder cspOrder = csp.getOrder(tenantId, order.cspOrderId());
    if (cspOrder.status() == CspOrder.Status.COMPLETED) {
      CspSubscription subscription = csp.subscriptionsOfOrder(tenantId, order.cspOrderId()).stream()
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Order " + order.cspOrderId()
              + " is completed but the CSP lists no subscription for it yet"));
      ownTransaction.executeWithoutResult(transaction -> fulfilled(order, subscription));
    }
    return cspOrder.status();
  }

  private void fulfilled(SubscriptionOrder order, CspSubscription subscription) {
    Instant now = clock.instant();
    subscriptions.save(order.organizationId(), subscription, SubscriptionRepository.Origin.ORDERED, order.id(), now);
    orders.fulfilled(order.id(), subscription.id(), now);
    charges.purchased(order.id(), ChargeLedger.ChargedTerm.of(order.organizationId(), subscription)
        .withQuantity(order.quantity()));
  }

  /** Marks the order Failed with the reason; returns it as it now stands. */
  @Transactional
  public SubscriptionOrder markFailed(String orderId, String reason) {
    orders.failed(orderId, reason, clock.instant());
    return order(orderId);
  }

  /** The back office's corrected quantity or term, checked against the catalog; then placed as a new attempt. */
  @Transactional
  public void retry(String orderId, Integer quantity, String termDuration) {
    SubscriptionOrder order = order(orderId);
    CatalogOffer offer = catalog.offer(order.catalogItemId()).orElseThrow();
    InputCheck input = new InputCheck();
    String term = termDuration == null || termDuration.isBlank() ? order.termDuration() : termDuration.trim();
    int corrected = quantity == null ? order.quantity() : quantity;
    checkTerms(input, offer, term, order.billingCycle());
    checkQuantity(input, offer, corrected);
    input.throwIfInvalid();
    orders.retry(orderId, corrected, term,
        priceOf(organizations.find(order.organizationId()).orElseThrow().partnerId(), offer, term, order.billingCycle(),
            corrected), clock.instant());
  }

  /** The partner's price of the seats today, by term and billing plan; null where Microsoft's sheet has none. */
  private SeatPrice priceOf(String partnerId, CatalogOffer offer, String term, String billingCycle, int seats) {
    return prices.forPartner(partnerId).price(partnerId, offer, term, billingCycle, LocalDate.now(clock))
        .map(price -> SeatPrice.of(price, seats)).orElse(null);
  }

  @Transactional
  public void cancel(String orderId) {
    orders.cancelled(orderId, clock.instant());
  }

  /** Tells the partner's contact that the subscription is ready: once, however often the mail's job runs. */
  public void notifyPartner(String orderId) {
    OrderRepository.ToTell toTell = orders.findWithPartnerContact(orderId)
        .orElseThrow(() -> new IllegalStateException("No order " + orderId + " with its customer organization"));
    SubscriptionOrder order = toTell.order();
    if (toTell.contactEmail() == null) {
      return;
    }
    mail.sendOnce("order-fulfilled", order.id(), toTell.contactEmail(),
        "Order fulfilled: " + order.quantity() + " x " + order.product() + " for " + toTell.customerName(),
        """
        Hello %s,

        Your order %s for %s is fulfilled: %d x %s (%s, billed %s).
        Microsoft subscription id: %s
        """.formatted(toTell.contactName(), order.id(), toTell.customerName(), order.quantity(), order.product(),
            order.termDuration(), order.billingCycle(), order.subscriptionId()));
  }

  public SubscriptionOrder order(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new IllegalStateException("No order " + orderId));
  }

  private OrderRepository.AtMicrosoft orderAtMicrosoft(String orderId) {
    return orders.findWithTenant(orderId).orElseThrow(() -> new IllegalStateException("No order " + orderId
        + " with a tenant at Microsoft"));
  }

  private static void checkTerms(InputCheck input, CatalogOffer offer, String term, String billingCycle) {
    if (!offer.termDurations().contains(term)) {
      input.problem("termDuration", "'" + term + "' is not offered for " + offer.productName() + "; offered: "
          + offer.termDurations());
    } else if (!offer.sells(term, billingCycle)) {
      input.problem("billingCycle", "'" + billingCycle + "' is not offered for " + term + "; offered: "
          + offer.billingCycles(term));
    }
  }

  private static void checkQuantity(InputCheck input, CatalogOffer offer, int quantity) {
    if (quantity < offer.minimumQuantity() || quantity > offer.maximumQuantity()) {
      input.problem("quantity", "must be between " + offer.minimumQuantity() + " and " + offer.maximumQuantity()
          + " for " + offer.productName());
    }
  }
}
