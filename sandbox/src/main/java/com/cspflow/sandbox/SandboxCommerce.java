package com.cspflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.cspflow.sandbox.SandboxCatalog.Offer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox's commerce: catalog, carts, orders and subscriptions with new commerce's quantity, cancellation and
 * renewal rules (digest /work/shared/partner-center.md, "New commerce").
 *
 * <p>An order is pending until {@code orderCompletionDelay} has passed; the first read after that (of the
 * order or of the customer's subscriptions) completes it and creates one subscription per line. Every
 * purchase, renewal and seat increase opens a 168-hour window; a decrease may remove seats of open windows only
 * (the refundable quantity), newest first, else 800090. The whole subscription can be cancelled (status
 * {@code deleted}) only within 168 hours of its purchase or last renewal ({@code cancellationAllowedUntilDate}),
 * else 800090 as well.
 *
 * <p>At its commitment end date a subscription renews when auto-renew is on: the changes scheduled for the next term
 * ({@code scheduledNextTermInstructions}: product, term, billing cycle, quantity) take effect, a new term starts
 * where the old one ended and opens a new window. With auto-renew off it expires instead. Any mid-term change of the
 * seat count deletes the scheduled changes, as Microsoft does. Renewals fall due on the first read or time travel
 * after their date. Time can be moved for one customer through {@link #travel}, so tests need not wait a year.
 */
@Component
class SandboxCommerce {

  static final Duration CANCELLATION_WINDOW = Duration.ofHours(168);
  static final String ACTIVE = "active";
  static final String DELETED = "deleted";
  static final String EXPIRED = "expired";

  record CartLine(int id, String catalogItemId, int quantity, String billingCycle, String termDuration) {}

  record Cart(String id, String customerId, String status, List<CartLine> lineItems, long createdAt) {}

  record OrderLine(int lineNumber, String catalogItemId, int quantity, String termDuration, String billingCycle,
      String subscriptionId) {}

  record Order(String id, String customerId, String status, long createdAt, List<OrderLine> lineItems) {}

  record Subscription(String id, String customerId, String orderId, String catalogItemId, String offerName,
      int quantity, String status, String termDuration, String billingCycle, long createdAt, long termStart,
      long termEnd, String etag, int refundableQuantity, boolean autoRenew, NextTerm nextTerm, Long nextCycleAt,
      List<RefundWindow> refundWindows) {

    /** With the seat windows still open, which make up the refundable quantity. */
    Subscription withRefundWindows(List<RefundWindow> windows) {
      return new Subscription(id, customerId, orderId, catalogItemId, offerName, quantity, status, termDuration,
          billingCycle, createdAt, termStart, termEnd, etag, windows.stream().mapToInt(RefundWindow::quantity).sum(),
          autoRenew, nextTerm, nextCycleAt, windows);
    }

    /** The end of the window opened by the purchase or the last renewal: the whole subscription can go until then. */
    long cancellableUntil() {
      return termStart + CANCELLATION_WINDOW.toMillis();
    }
  }

  /** Seats of one purchase, renewal or increase that can still be removed, and until when (refundableQuantity's details). */
  record RefundWindow(int quantity, long allowedUntil) {}

  /** Partner Center's {@code scheduledNextTermInstructions}: what the next term will be. */
  record NextTerm(NextTermProduct product, Integer quantity, String customTermEndDate) {}

  record NextTermProduct(String productId, String skuId, String availabilityId, String billingCycle,
      String termDuration, String promotionId) {

    String catalogItemId() {
      return productId + ":" + skuId + ":" + availabilityId;
    }
  }

  /**
   * What a PATCH of a subscription asks for, compared with the subscription as it is: Partner Center takes the whole
   * resource back and changes what differs. {@code nextTermSent} tells an absent field from an explicit null.
   */
  record Change(Integer quantity, String status, Boolean autoRenew, boolean nextTermSent, NextTerm nextTerm,
      String etag) {}

  private static final TypeReference<List<CartLine>> CART_LINES = new TypeReference<>() {};

  private static final String SUBSCRIPTION_COLUMNS = "s.id, s.customer_id, s.order_id, s.catalog_item_id, "
      + "s.offer_name, s.quantity, s.status, s.term_duration, s.billing_cycle, s.created_at, s.term_start, "
      + "s.term_end, s.etag, s.auto_renew, s.next_term, s.next_cycle_at, (SELECT COALESCE(SUM(w.quantity), 0) FROM sandbox_seat_window w "
      + "WHERE w.subscription_id = s.id AND w.opened_at > ?) AS refundable";
  /**
   * The columns of subscriptions whose windows are read next ({@link #withRefundWindows(List, String, Object...)}),
   * which sum up the refundable quantity: a subquery per row cost the sandbox a fifth of its time in a monthly sweep.
   */
  private static final String LISTED_SUBSCRIPTION_COLUMNS = SUBSCRIPTION_COLUMNS.substring(0,
      SUBSCRIPTION_COLUMNS.indexOf("(SELECT")) + "0 AS refundable";

  private final RowMapper<Subscription> subscriptionRow = (rs, row) -> new Subscription(rs.getString("id"),
      rs.getString("customer_id"), rs.getString("order_id"), rs.getString("catalog_item_id"),
      rs.getString("offer_name"), rs.getInt("quantity"), rs.getString("status"), rs.getString("term_duration"),
      rs.getString("billing_cycle"), rs.getLong("created_at"), rs.getLong("term_start"), rs.getLong("term_end"),
      rs.getString("etag"), rs.getInt("refundable"), rs.getBoolean("auto_renew"), nextTerm(rs.getString("next_term")),
      (Long) rs.getObject("next_cycle_at", Long.class), List.of());

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final SandboxProperties properties;
  private final SandboxCatalog catalog;
  private final SandboxActivityLog activity;
  private final SandboxWebhooks webhooks;
  private final SandboxCharges charges;

  SandboxCommerce(JdbcTemplate jdbc, ObjectMapper json, SandboxProperties properties, SandboxCatalog catalog,
      SandboxActivityLog activity, SandboxCharges charges, SandboxWebhooks webhooks) {
    this.activity = activity;
    this.webhooks = webhooks;
    this.charges = charges;
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
    this.catalog = catalog;
  }

  @Transactional
  Cart createCart(String customerId, List<CartLine> lines) {
    if (lines == null || lines.isEmpty()) {
      throw SandboxError.invalid("A cart needs at least one line item");
    }
    for (CartLine line : lines) {
      Offer offer = catalog.offerForSale(line.catalogItemId());
      checkTerm(offer, line.termDuration(), line.billingCycle());
      checkRange(offer, line.quantity());
    }
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_cart (id, customer_id, status, line_items, created_at) VALUES (?, ?, ?, ?, ?)",
        id, customerId, "Active", write(lines), now);
    return new Cart(id, customerId, "Active", lines, now);
  }

  @Transactional
  Order checkout(SandboxCustomers.Tenant customer, String cartId) {
    Cart cart = jdbc.query("SELECT * FROM sandbox_cart WHERE id = ? AND customer_id = ? FOR UPDATE",
        (rs, row) -> new Cart(rs.getString("id"), rs.getString("customer_id"), rs.getString("status"),
            read(rs.getString("line_items")), rs.getLong("created_at")), cartId, customer.id()).stream().findFirst()
        .orElseThrow(() -> SandboxError.notFound("Cart " + cartId + " not found"));
    if (!"Active".equals(cart.status())) {
      throw SandboxError.invalid("Cart " + cartId + " is already checked out");
    }
    if (!customer.agreementConfirmed()) {
      throw new SandboxError(400, SandboxError.CUSTOMER_AGREEMENT_NOT_CONFIRMED,
          "The customer has not confirmed the Microsoft Customer Agreement.");
    }
    if (customer.underReview()) {
      throw new SandboxError(403, SandboxError.ACCOUNT_UNDER_REVIEW, "The customer account is under review.");
    }
    String orderId = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_order (id, customer_id, cart_id, status, created_at) VALUES (?, ?, ?, ?, ?)",
        orderId, customer.id(), cartId, "pending", now);
    for (int i = 0; i < cart.lineItems().size(); i++) {
      CartLine line = cart.lineItems().get(i);
      jdbc.update("INSERT INTO sandbox_order_line (order_id, line_number, catalog_item_id, quantity, term_duration, "
              + "billing_cycle) VALUES (?, ?, ?, ?, ?, ?)", orderId, i, line.catalogItemId(), line.quantity(),
          line.termDuration(), line.billingCycle().toLowerCase());
    }
    jdbc.update("UPDATE sandbox_cart SET status = 'CheckedOut' WHERE id = ?", cartId);
    Order placed = order(customer.id(), orderId);
    activity.record(SandboxActivityLog.Actor.API, customer.id(), "order", "create_order", placed);
    return placed;
  }

  @Transactional
  Order order(String customerId, String orderId) {
    Order order = loadOrder(customerId, orderId);
    if (completeIfDue(order)) {
      return loadOrder(customerId, orderId);
    }
    return order;
  }

  @Transactional
  List<Order> orders(String customerId) {
    return jdbc.queryForList("SELECT id FROM sandbox_order WHERE customer_id = ? ORDER BY created_at, id", String.class,
        customerId).stream().map(orderId -> order(customerId, orderId)).toList();
  }

  @Transactional
  List<Subscription> subscriptions(String customerId) {
    jdbc.queryForList("SELECT id FROM sandbox_order WHERE customer_id = ? AND status = 'pending'", String.class,
        customerId).forEach(orderId -> completeIfDue(loadOrder(customerId, orderId)));
    // Listed first: a term or billing cycle that has come due is renewed or charged, and the list read again.
    List<Subscription> listed = listedSubscriptions(customerId);
    long now = System.currentTimeMillis();
    if (listed.stream().anyMatch(subscription -> due(subscription, now))) {
      renewDue(customerId);
      listed = listedSubscriptions(customerId);
    }
    return withRefundWindows(listed, "customer_id = ?", customerId);
  }

  private List<Subscription> listedSubscriptions(String customerId) {
    return jdbc.query("SELECT " + LISTED_SUBSCRIPTION_COLUMNS
        + " FROM sandbox_subscription s WHERE s.customer_id = ? ORDER BY s.created_at, s.id", subscriptionRow,
        customerId);
  }

  /** As {@link #renewDue(String, String, Object...)} selects: active, its term ended or its next cycle begun. */
  private static boolean due(Subscription subscription, long now) {
    return ACTIVE.equals(subscription.status())
        && (subscription.termEnd() <= now || subscription.nextCycleAt() != null && subscription.nextCycleAt() <= now);
  }

  @Transactional
  List<Subscription> subscriptionsOfOrder(String customerId, String orderId) {
    jdbc.queryForList("SELECT id FROM sandbox_order WHERE customer_id = ? AND id = ? AND status = 'pending'",
        String.class, customerId, orderId).forEach(pending -> completeIfDue(loadOrder(customerId, pending)));
    // Only the order's own subscriptions: a customer with hundreds of them is read (and renewed) per subscription
    renewDue(customerId, " AND s.order_id = ?", orderId);
    List<Subscription> ofOrder = jdbc.query("SELECT " + LISTED_SUBSCRIPTION_COLUMNS
        + " FROM sandbox_subscription s WHERE s.customer_id = ? AND s.order_id = ? ORDER BY s.created_at, s.id",
        subscriptionRow, customerId, orderId);
    return ofOrder.isEmpty() ? ofOrder : withRefundWindows(ofOrder, "subscription_id IN ("
        + String.join(", ", java.util.Collections.nCopies(ofOrder.size(), "?")) + ")",
        ofOrder.stream().map(Subscription::id).toArray());
  }

  @Transactional
  Subscription subscription(String customerId, String subscriptionId) {
    renewDue(customerId);
    List<Subscription> found = jdbc.query("SELECT " + LISTED_SUBSCRIPTION_COLUMNS + " FROM sandbox_subscription s "
        + "WHERE s.id = ? AND s.customer_id = ?", subscriptionRow, subscriptionId, customerId);
    if (found.isEmpty()) {
      throw SandboxError.notFound("Subscription " + subscriptionId + " not found");
    }
    return withRefundWindows(found, "subscription_id = ?", subscriptionId).get(0);
  }

  /**
   * A PATCH of the subscription: cancellation ({@code status: deleted}), a seat count, auto-renew, or the changes
   * scheduled for the next term, whichever differs from the subscription as it is. A cancellation is all the PATCH
   * does; otherwise a new seat count is applied first and, being a mid-term change, deletes the scheduled changes,
   * so that a resource read before the change and sent back with another quantity loses them, as at Microsoft.
   */
  @Transactional
  Subscription change(String customerId, String subscriptionId, Change change) {
    List<String> locked = jdbc.queryForList("SELECT etag FROM sandbox_subscription WHERE id = ? AND customer_id = ? "
        + "FOR UPDATE", String.class, subscriptionId, customerId);
    if (locked.isEmpty()) {
      throw SandboxError.notFound("Subscription " + subscriptionId + " not found");
    }
    if (change.etag() == null || !change.etag().equals(locked.get(0))) {
      throw new SandboxError(412, SandboxError.STALE_ETAG, "The subscription changed since it was read (etag)");
    }
    Subscription current = subscription(customerId, subscriptionId);
    String status = change.status() == null ? current.status() : change.status().trim().toLowerCase();
    if (!status.equals(current.status())) {
      if (!DELETED.equals(status)) {
        throw SandboxError.invalid("A subscription's status can only be changed to deleted (cancelled)");
      }
      cancel(current);
      Subscription cancelled = subscription(customerId, subscriptionId);
      activity.record(SandboxActivityLog.Actor.API, customerId, "subscription", "update_subscription", cancelled);
      return cancelled;
    }
    if (!ACTIVE.equals(current.status())) {
      throw SandboxError.invalid("Subscription " + subscriptionId + " is " + current.status() + ": it cannot change");
    }
    if (change.quantity() != null && change.quantity() != current.quantity()) {
      changeQuantity(current, change.quantity());
    }
    if (change.autoRenew() != null && change.autoRenew() != current.autoRenew()) {
      jdbc.update("UPDATE sandbox_subscription SET auto_renew = ? WHERE id = ?", change.autoRenew(), current.id());
    }
    if (change.nextTermSent() && !Objects.equals(change.nextTerm(), current.nextTerm())) {
      checkNextTerm(current, change.nextTerm());
      jdbc.update("UPDATE sandbox_subscription SET next_term = ? WHERE id = ?",
          change.nextTerm() == null ? null : write(change.nextTerm()), current.id());
    }
    jdbc.update("UPDATE sandbox_subscription SET etag = ? WHERE id = ?", UUID.randomUUID().toString(), current.id());
    Subscription changed = subscription(customerId, subscriptionId);
    activity.record(SandboxActivityLog.Actor.API, customerId, "subscription", "update_subscription", changed);
    return changed;
  }

  private void changeQuantity(Subscription current, int quantity) {
    checkRange(catalog.offer(current.catalogItemId()), quantity);
    int change = quantity - current.quantity();
    long now = System.currentTimeMillis();
    if (change > 0) {
      openWindow(current.id(), current.customerId(), change, now);
    } else {
      removeSeats(current, -change);
    }
    jdbc.update("UPDATE sandbox_subscription SET quantity = ?, next_term = NULL WHERE id = ?", quantity,
        current.id());
    charges.seatsChanged(current, change, now);
  }

  private void cancel(Subscription current) {
    if (!ACTIVE.equals(current.status())) {
      throw SandboxError.invalid("Subscription " + current.id() + " is " + current.status() + ": it cannot be "
          + "cancelled");
    }
    if (System.currentTimeMillis() >= current.cancellableUntil()) {
      throw new SandboxError(400, SandboxError.QUANTITY_DECREASE_NOT_ALLOWED, "The subscription can be cancelled "
          + "only within 168 hours of its purchase or renewal, which ended at "
          + SandboxJson.date(current.cancellableUntil()) + ". Turn auto-renew off for it to end at its commitment "
          + "end date " + SandboxJson.date(current.termEnd()) + ".");
    }
    jdbc.update("DELETE FROM sandbox_seat_window WHERE subscription_id = ?", current.id());
    jdbc.update("UPDATE sandbox_subscription SET status = ?, auto_renew = FALSE, next_term = NULL, "
        + "next_cycle_at = NULL, etag = ? WHERE id = ?", DELETED, UUID.randomUUID().toString(), current.id());
    charges.cancelled(current, System.currentTimeMillis());
  }

  private void checkNextTerm(Subscription current, NextTerm next) {
    if (next == null) {
      return;
    }
    if (next.product() == null || next.quantity() == null) {
      throw SandboxError.invalid("scheduledNextTermInstructions needs a product and a quantity");
    }
    NextTermProduct product = next.product();
    Offer offer = catalog.offerForSale(product.catalogItemId());
    checkTerm(offer, product.termDuration(), product.billingCycle());
    checkRange(offer, next.quantity());
    if (next.customTermEndDate() != null) {
      throw SandboxError.invalid("customTermEndDate is not supported by the sandbox");
    }
  }

  /**
   * Renews or expires the customer's active subscriptions whose term has ended, as often as their terms fit into
   * the time that has passed. The conditional update lets exactly one of two concurrent readers renew a term.
   */
  private void renewDue(String customerId) {
    renewDue(customerId, "");
  }

  /** As {@link #renewDue(String)}, for those of the customer's subscriptions {@code narrowing} (SQL) selects. */
  private void renewDue(String customerId, String narrowing, Object... narrowingArguments) {
    long now = System.currentTimeMillis();
    List<Object> arguments = new ArrayList<>(List.of(windowStart(), customerId, now, now));
    arguments.addAll(List.of(narrowingArguments));
    List<Subscription> due = jdbc.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM sandbox_subscription s "
        + "WHERE s.customer_id = ? AND s.status = 'active' AND (s.term_end <= ? OR s.next_cycle_at <= ?)" + narrowing,
        subscriptionRow, arguments.toArray());
    for (Subscription subscription : due) {
      Subscription term = subscription;
      while (term != null) {
        charges.cyclesDue(term, term.nextCycleAt(), now);
        if (term.termEnd() > now) {
          break;
        }
        term = renewOrExpire(term);
      }
    }
  }

  private Subscription renewOrExpire(Subscription term) {
    if (!term.autoRenew()) {
      jdbc.update("UPDATE sandbox_subscription SET status = ?, etag = ? WHERE id = ? AND term_end = ? "
          + "AND status = 'active'", EXPIRED, UUID.randomUUID().toString(), term.id(), term.termEnd());
      return null;
    }
    NextTerm next = term.nextTerm();
    Offer offer = next == null ? catalog.offer(term.catalogItemId()) : catalog.offer(next.product().catalogItemId());
    int quantity = next == null ? term.quantity() : next.quantity();
    String termDuration = next == null ? term.termDuration() : next.product().termDuration();
    String billingCycle = next == null ? term.billingCycle() : next.product().billingCycle().toLowerCase();
    long start = term.termEnd();
    long end = termEnd(start, termDuration);
    Long nextCycle = SandboxCharges.firstCycleAfter(start, end, billingCycle);
    int won = jdbc.update("UPDATE sandbox_subscription SET catalog_item_id = ?, offer_name = ?, quantity = ?, "
            + "term_duration = ?, billing_cycle = ?, term_start = ?, term_end = ?, next_term = NULL, next_cycle_at = ?, "
            + "etag = ? WHERE id = ? AND term_end = ? AND status = 'active'", offer.catalogItemId(), offer.name(),
        quantity, termDuration, billingCycle, start, end, nextCycle, UUID.randomUUID().toString(), term.id(),
        term.termEnd());
    if (won == 0) {
      return null;
    }
    openWindow(term.id(), term.customerId(), quantity, start);
    Subscription renewed = new Subscription(term.id(), term.customerId(), term.orderId(), offer.catalogItemId(),
        offer.name(), quantity, ACTIVE, termDuration, billingCycle, term.createdAt(), start, end, term.etag(), quantity,
        true, null, nextCycle, List.of());
    charges.renewed(renewed);
    return renewed;
  }

  /** Every renewal and billing cycle that has fallen due, for all customers (before Microsoft exports its charges). */
  @Transactional
  void chargeAllDue() {
    long now = System.currentTimeMillis();
    jdbc.queryForList("SELECT DISTINCT customer_id FROM sandbox_subscription WHERE status = 'active' "
        + "AND (term_end <= ? OR next_cycle_at <= ?)", String.class, now, now).forEach(this::renewDue);
  }

  /** A subscription the tenant already had before it became the partner's customer (sandbox admin). */
  @Transactional
  String existingSubscription(String customerId, Offer offer, int quantity, String term, String billingCycle,
      long purchasedAt, long createdAt, boolean chargedToPartner) {
    return insertSubscription(customerId, null, offer, quantity, term, billingCycle, purchasedAt, createdAt,
        chargedToPartner);
  }

  /**
   * What a partner does in Microsoft's own portal, behind cspflow's back: another seat count (a mid-term change,
   * which deletes the scheduled changes, and is charged or credited like one made through the API), or a status such as suspended (sandbox admin). Returns false when the customer has no such subscription.
   */
  @Transactional
  boolean changeOutsideCspflow(String customerId, String subscriptionId, Integer quantity, String status,
      boolean byMicrosoft) {
    Subscription before = quantity == null ? null : jdbc.query("SELECT " + SUBSCRIPTION_COLUMNS
        + " FROM sandbox_subscription s WHERE s.id = ? AND s.customer_id = ?", subscriptionRow, windowStart(),
        subscriptionId, customerId).stream().findFirst().orElse(null);
    if (before != null && ACTIVE.equals(before.status()) && quantity != before.quantity()) {
      charges.seatsChanged(before, quantity - before.quantity(), System.currentTimeMillis());
    }
    if (quantity != null) {
      jdbc.update("UPDATE sandbox_subscription SET next_term = NULL WHERE id = ? AND customer_id = ?", subscriptionId,
          customerId);
    }
    boolean changed = jdbc.update("UPDATE sandbox_subscription SET quantity = COALESCE(?, quantity), "
        + "status = COALESCE(?, status), etag = ? WHERE id = ? AND customer_id = ?", quantity, status,
        UUID.randomUUID().toString(), subscriptionId, customerId) == 1;
    if (changed) {
      Map<String, Object> newValue = new HashMap<>();
      newValue.put("id", subscriptionId);
      newValue.put("quantity", quantity);
      newValue.put("status", status);
      if (!byMicrosoft) {
        activity.record(SandboxActivityLog.Actor.PORTAL, customerId, "subscription", "update_subscription", newValue);
      }
      webhooks.subscriptionUpdated(customerId, subscriptionId);
    }
    return changed;
  }

  /** A subscription Microsoft no longer lists, e.g. cancelled in Microsoft's portal (sandbox admin). */
  @Transactional
  boolean removeOutsideCspflow(String customerId, String subscriptionId) {
    jdbc.update("DELETE FROM sandbox_seat_window WHERE subscription_id = ? AND customer_id = ?", subscriptionId,
        customerId);
    boolean removed = jdbc.update("DELETE FROM sandbox_subscription WHERE id = ? AND customer_id = ?", subscriptionId,
        customerId) == 1;
    if (removed) {
      activity.record(SandboxActivityLog.Actor.PORTAL, customerId, "subscription", "delete_subscription",
          Map.of("id", subscriptionId));
      webhooks.subscriptionUpdated(customerId, subscriptionId);
    }
    return removed;
  }

  /**
   * Moves one customer's orders, subscriptions and cancellation windows {@code hours} into the past; the terms that
   * have ended by then renew or expire.
   */
  @Transactional
  void travel(String customerId, long hours) {
    long millis = Duration.ofHours(hours).toMillis();
    jdbc.update("UPDATE sandbox_order SET created_at = created_at - ? WHERE customer_id = ?", millis, customerId);
    jdbc.update("UPDATE sandbox_subscription SET created_at = created_at - ?, term_start = term_start - ?, "
        + "term_end = term_end - ? WHERE customer_id = ?", millis, millis, millis, customerId);
    jdbc.update("UPDATE sandbox_seat_window SET opened_at = opened_at - ? WHERE customer_id = ?", millis, customerId);
    jdbc.update("UPDATE sandbox_subscription SET next_cycle_at = next_cycle_at - ? WHERE customer_id = ? "
        + "AND next_cycle_at IS NOT NULL", millis, customerId);
    jdbc.update("UPDATE sandbox_charge SET charge_start = charge_start - ?, charge_end = charge_end - ? "
        + "WHERE customer_id = ?", millis, millis, customerId);
    renewDue(customerId);
  }

  /** Microsoft cancels an order it has not completed (e.g. a fraud check failed); a completed order stays as it is. */
  @Transactional
  void cancelPendingOrder(String customerId, String orderId) {
    loadOrder(customerId, orderId);
    if (jdbc.update("UPDATE sandbox_order SET status = 'cancelled' WHERE id = ? AND status = 'pending'", orderId) == 0) {
      throw SandboxError.invalid("Order " + orderId + " is not pending: it cannot be cancelled");
    }
  }

  private Order loadOrder(String customerId, String orderId) {
    List<OrderLine> lines = jdbc.query("SELECT * FROM sandbox_order_line WHERE order_id = ? ORDER BY line_number",
        (rs, row) -> new OrderLine(rs.getInt("line_number"), rs.getString("catalog_item_id"), rs.getInt("quantity"),
            rs.getString("term_duration"), rs.getString("billing_cycle"), rs.getString("subscription_id")), orderId);
    return jdbc.query("SELECT * FROM sandbox_order WHERE id = ? AND customer_id = ?",
        (rs, row) -> new Order(rs.getString("id"), rs.getString("customer_id"), rs.getString("status"),
            rs.getLong("created_at"), lines), orderId, customerId).stream().findFirst()
        .orElseThrow(() -> SandboxError.notFound("Order " + orderId + " not found"));
  }

  /** The conditional update lets exactly one of two concurrent readers create the subscriptions. */
  private boolean completeIfDue(Order order) {
    long now = System.currentTimeMillis();
    if (!"pending".equals(order.status())
        || order.createdAt() + properties.orderCompletionDelay().toMillis() > now) {
      return false;
    }
    int won = jdbc.update("UPDATE sandbox_order SET status = 'completed', completed_at = ? "
        + "WHERE id = ? AND status = 'pending'", now, order.id());
    if (won == 0) {
      return false;
    }
    for (OrderLine line : order.lineItems()) {
      String subscriptionId = insertSubscription(order.customerId(), order.id(), catalog.offer(line.catalogItemId()),
          line.quantity(), line.termDuration(), line.billingCycle(), order.createdAt(), order.createdAt(), true);
      jdbc.update("UPDATE sandbox_order_line SET subscription_id = ? WHERE order_id = ? AND line_number = ?",
          subscriptionId, order.id(), line.lineNumber());
    }
    return true;
  }

  private String insertSubscription(String customerId, String orderId, Offer offer, int quantity, String term,
      String billingCycle, long purchasedAt, long createdAt, boolean ours) {
    String id = UUID.randomUUID().toString();
    long termEnd = termEnd(purchasedAt, term);
    Long nextCycle = ours ? SandboxCharges.firstCycleAfter(purchasedAt, termEnd, billingCycle) : null;
    jdbc.update("INSERT INTO sandbox_subscription (id, customer_id, order_id, catalog_item_id, offer_name, quantity, "
            + "status, term_duration, billing_cycle, created_at, term_start, term_end, etag, next_cycle_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?)", id, customerId, orderId,
        offer.catalogItemId(), offer.name(), quantity, term, billingCycle, createdAt, purchasedAt, termEnd,
        UUID.randomUUID().toString(), nextCycle);
    openWindow(id, customerId, quantity, purchasedAt);
    if (ours) {
      charges.purchased(new Subscription(id, customerId, orderId, offer.catalogItemId(), offer.name(), quantity,
          ACTIVE, term, billingCycle, createdAt, purchasedAt, termEnd, null, quantity, true, null, nextCycle,
          List.of()));
    }
    return id;
  }

  /** The subscriptions with their seat windows still open, those of the seat windows {@code which} (SQL) selects. */
  private List<Subscription> withRefundWindows(List<Subscription> subscriptions, String which, Object... arguments) {
    Map<String, List<RefundWindow>> open = new HashMap<>();
    List<Object> all = new ArrayList<>(List.of(arguments));
    all.add(windowStart());
    jdbc.query("SELECT subscription_id, quantity, opened_at FROM sandbox_seat_window WHERE " + which
        + " AND opened_at > ? ORDER BY opened_at, id", rs -> {
          open.computeIfAbsent(rs.getString("subscription_id"), id -> new ArrayList<>())
              .add(refundWindow(rs.getInt("quantity"), rs.getLong("opened_at")));
        }, all.toArray());
    return subscriptions.stream().map(s -> s.withRefundWindows(open.getOrDefault(s.id(), List.of()))).toList();
  }

  private static RefundWindow refundWindow(int quantity, long openedAt) {
    return new RefundWindow(quantity, openedAt + CANCELLATION_WINDOW.toMillis());
  }

  private static long termEnd(long termStart, String term) {
    return Instant.ofEpochMilli(termStart).atZone(ZoneOffset.UTC)
        .plus(Period.parse(term)).toInstant().toEpochMilli();
  }

  private void openWindow(String subscriptionId, String customerId, int quantity, long openedAt) {
    jdbc.update("INSERT INTO sandbox_seat_window (subscription_id, customer_id, quantity, opened_at) "
        + "VALUES (?, ?, ?, ?)", subscriptionId, customerId, quantity, openedAt);
  }

  private void removeSeats(Subscription subscription, int seats) {
    if (seats > subscription.refundableQuantity()) {
      throw new SandboxError(400, SandboxError.QUANTITY_DECREASE_NOT_ALLOWED, "The quantity can be "
          + "decreased by at most " + subscription.refundableQuantity() + " seats: only within 168 hours of "
          + "their purchase or addition.");
    }
    List<long[]> open = jdbc.query("SELECT id, quantity FROM sandbox_seat_window WHERE subscription_id = ? "
            + "AND opened_at > ? ORDER BY opened_at DESC, id DESC",
        (rs, row) -> new long[] {rs.getLong("id"), rs.getInt("quantity")}, subscription.id(), windowStart());
    int left = seats;
    for (long[] window : open) {
      if (left == 0) {
        break;
      }
      int taken = (int) Math.min(window[1], left);
      if (taken == window[1]) {
        jdbc.update("DELETE FROM sandbox_seat_window WHERE id = ?", window[0]);
      } else {
        jdbc.update("UPDATE sandbox_seat_window SET quantity = quantity - ? WHERE id = ?", taken, window[0]);
      }
      left -= taken;
    }
  }

  private static void checkTerm(Offer offer, String termDuration, String billingCycle) {
    if (!offer.offers(termDuration, billingCycle)) {
      throw SandboxError.invalid("Term " + termDuration + " billed " + billingCycle + " is not offered for "
          + offer.name() + "; offered: " + offer.terms());
    }
  }

  private static void checkRange(Offer offer, int quantity) {
    if (quantity < offer.minimumQuantity() || quantity > offer.maximumQuantity()) {
      throw SandboxError.quantityOutOfRange("Quantity " + quantity + " is outside " + offer.minimumQuantity()
          + " to " + offer.maximumQuantity() + " for " + offer.name());
    }
  }

  private static long windowStart() {
    return System.currentTimeMillis() - CANCELLATION_WINDOW.toMillis();
  }

  private NextTerm nextTerm(String stored) {
    try {
      return stored == null ? null : json.readValue(stored, NextTerm.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<CartLine> read(String lines) {
    try {
      return json.readValue(lines, CART_LINES);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
