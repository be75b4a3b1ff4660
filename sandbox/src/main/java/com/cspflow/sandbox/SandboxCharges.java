package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxCatalog.TermPlan;
import com.cspflow.sandbox.SandboxCommerce.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What Microsoft charges the partner for new commerce, written when it happens (digest
 * /work/shared/partner-center.md, "New commerce" and "Billing reconciliation"). The rule:
 *
 * <ul>
 *   <li>A term is paid in billing cycles: every month when billed monthly, every year when billed annually, once
 *       for a triennial plan. A cycle's unit price is one seat for the whole cycle, at the price in force on the
 *       term's first day (new commerce locks the price for the term).
 *   <li>{@code new} (the purchase) and {@code renew} (a new term) charge the term's first cycle in full;
 *       {@code cycleCharge} each later cycle, in full, for the seats of the day it starts.
 *   <li>{@code addQuantity} charges added seats from the day of the change to the end of the current cycle;
 *       {@code removeQuantity} (within the 7-day window) and {@code cancelImmediate} (the whole subscription, within
 *       7 days of its purchase or renewal) credit the days from the day of the change to the end of the cycle.
 *       Such a charge is unit price × seats × days ÷ days of the cycle, rounded half up to the cent; days are counted
 *       in whole UTC days, the end of the cycle excluded.
 * </ul>
 *
 * Subscriptions the tenant had before it became the partner's customer were charged to someone else: they are
 * charged from their next renewal or change on.
 */
@Component
class SandboxCharges {

  static final String NEW = "new";
  static final String RENEW = "renew";
  static final String CYCLE = "cycleCharge";
  static final String ADD = "addQuantity";
  static final String REMOVE = "removeQuantity";
  static final String CANCEL = "cancelImmediate";

  private final JdbcTemplate jdbc;
  private final SandboxCatalog catalog;

  SandboxCharges(JdbcTemplate jdbc, SandboxCatalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
  }

  /** The purchase: the first cycle of the first term. */
  void purchased(Subscription subscription) {
    full(subscription, NEW, subscription.termStart(), subscription.quantity());
  }

  /** A new term: its first cycle, with the term's product, plan, seats and price. */
  void renewed(Subscription newTerm) {
    full(newTerm, RENEW, newTerm.termStart(), newTerm.quantity());
  }

  /** Seats added (positive) or removed within their window (negative) at {@code at}. */
  void seatsChanged(Subscription subscription, int change, long at) {
    partial(subscription, change > 0 ? ADD : REMOVE, change, at);
  }

  /** The whole subscription cancelled within 7 days of its purchase or renewal. */
  void cancelled(Subscription subscription, long at) {
    partial(subscription, CANCEL, -subscription.quantity(), at);
  }

  /** When the second cycle of a term starting at {@code termStart} begins; null when the term is paid at once. */
  static Long firstCycleAfter(long termStart, long termEnd, String billingCycle) {
    long next = cycleStart(termStart, 1, billingCycle);
    return next < termEnd ? next : null;
  }

  /**
   * Charges the cycles of the subscription's current term that have begun by {@code until}. The conditional update
   * lets exactly one of two concurrent readers charge a cycle.
   */
  void cyclesDue(Subscription term, Long nextCycleAt, long until) {
    Long next = nextCycleAt;
    while (next != null && next <= until && next < term.termEnd()) {
      long end = cycleEnd(term, next);
      Long after = end < term.termEnd() ? end : null;
      if (jdbc.update("UPDATE sandbox_subscription SET next_cycle_at = ? WHERE id = ? AND next_cycle_at = ?", after,
          term.id(), next) == 0) {
        return;
      }
      full(term, CYCLE, next, term.quantity());
      next = after;
    }
  }

  /**
   * A cycle paid in full from {@code start}; it ends a billing period later, or with the term. Each cycle is counted
   * from where the one before ended, so a sandbox customer moved in time keeps its cycles end to end.
   */
  private void full(Subscription subscription, String type, long start, int quantity) {
    long end = cycleEnd(subscription, start);
    int days = days(start, end);
    BigDecimal unitPrice = unitPrice(subscription);
    insert(subscription, type, start, end, quantity, unitPrice, days, days,
        unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }

  /** A change within the cycle the last full charge paid (counted from the term's start if none was made). */
  private void partial(Subscription subscription, String type, int quantity, long at) {
    long[] paid = jdbc.query("SELECT charge_start, charge_end FROM sandbox_charge WHERE subscription_id = ? "
            + "AND charge_type IN (?, ?, ?) AND charge_start <= ? ORDER BY charge_start DESC, id DESC",
        (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, subscription.id(), NEW, RENEW, CYCLE, at).stream()
        .findFirst().orElse(null);
    long cycleStart;
    long end;
    if (paid != null && at < paid[1]) {
      cycleStart = paid[0];
      end = paid[1];
    } else {
      int cycle = cycleIndex(subscription.termStart(), at, subscription.billingCycle());
      cycleStart = cycleStart(subscription.termStart(), cycle, subscription.billingCycle());
      end = cycleEnd(subscription, cycleStart);
    }
    int periodDays = days(cycleStart, end);
    int days = days(at, end);
    BigDecimal unitPrice = unitPrice(subscription);
    BigDecimal subtotal = unitPrice.multiply(BigDecimal.valueOf((long) quantity * days))
        .divide(BigDecimal.valueOf(periodDays), 2, RoundingMode.HALF_UP);
    insert(subscription, type, at, end, quantity, unitPrice, days, periodDays, subtotal);
  }

  private BigDecimal unitPrice(Subscription subscription) {
    return catalog.unitPrice(subscription.catalogItemId(),
        new TermPlan(subscription.termDuration(), subscription.billingCycle()), date(subscription.termStart()));
  }

  private void insert(Subscription s, String type, long start, long end, int quantity, BigDecimal unitPrice,
      int days, int periodDays, BigDecimal subtotal) {
    jdbc.update("INSERT INTO sandbox_charge (customer_id, subscription_id, order_id, catalog_item_id, offer_name, "
            + "charge_type, term_duration, billing_cycle, charge_start, charge_end, quantity, unit_price, days, "
            + "period_days, subtotal, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.customerId(), s.id(), s.orderId(), s.catalogItemId(), s.offerName(), type, s.termDuration(),
        s.billingCycle(), start, end, quantity, unitPrice, days, periodDays, subtotal.setScale(2, RoundingMode.HALF_UP),
        SandboxCatalog.CURRENCY);
  }

  private static long cycleEnd(Subscription subscription, long start) {
    return Math.min(cycleStart(start, 1, subscription.billingCycle()), subscription.termEnd());
  }

  /** The index of the cycle of the term that {@code at} falls in. */
  private static int cycleIndex(long termStart, long at, String billingCycle) {
    int cycle = 0;
    while (cycleStart(termStart, cycle + 1, billingCycle) <= at) {
      cycle++;
    }
    return cycle;
  }

  private static long cycleStart(long termStart, int cycle, String billingCycle) {
    return Instant.ofEpochMilli(termStart).atZone(ZoneOffset.UTC)
        .plus(Period.ofMonths(cycle * monthsPerCycle(billingCycle))).toInstant().toEpochMilli();
  }

  private static int monthsPerCycle(String billingCycle) {
    return switch (billingCycle.toLowerCase()) {
      case "annual" -> 12;
      case "triennial" -> 36;
      default -> 1;
    };
  }

  private static int days(long from, long to) {
    return (int) ChronoUnit.DAYS.between(date(from), date(to));
  }

  static LocalDate date(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
