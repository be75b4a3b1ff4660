package com.cspflow.reconciliation;

import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspSubscription;
import com.cspflow.pricing.Margin;
import com.cspflow.pricing.PartnerPrices;
import com.cspflow.subscriptions.RenewalFollowing;
import com.cspflow.subscriptions.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * cspflow's own charge lines, written when a purchase, seat change, cancellation or renewal happens, priced by the
 * rule Microsoft charges new commerce by (digest /work/shared/partner-center.md, "New commerce"):
 *
 * <ul>
 *   <li>A term is paid in billing cycles: every month when billed monthly, every year when billed annually, once for
 *       a triennial plan. A cycle's unit price is one seat for the whole cycle, Microsoft's price sheet on the term's
 *       first day (the price is locked for the term).
 *   <li>A purchase and a renewal charge the term's first cycle in full, each later cycle is charged in full when it
 *       starts, for the seats of that day.
 *   <li>Seats added are charged, and seats removed or a subscription cancelled within 7 days are credited, from the day
 *       of the change to the end of the cycle: unit price × seats × days ÷ days of the cycle, rounded half up to the
 *       cent. Days are whole UTC days, the cycle's end excluded; a cycle runs from where the one before ended.
 * </ul>
 *
 * Each line also carries the partner's price: the partner's margin on Microsoft's monthly price, for as many months
 * as the cycle has. A line is written once per event ({@code cause}): a retried step writes nothing twice.
 */
@Service
public class ChargeLedger {

  private static final Logger LOG = LoggerFactory.getLogger(ChargeLedger.class);

  /** One term of a subscription as Microsoft reported it. */
  public record ChargedTerm(String subscriptionId, String organizationId, String catalogItemId, int quantity,
      String termDuration, String billingCycle, Instant termStart, Instant termEnd) {

    public static ChargedTerm of(String organizationId, CspSubscription s) {
      return new ChargedTerm(s.id(), organizationId, s.catalogItemId(), s.quantity(), s.termDuration(),
          s.billingCycle(), s.effectiveStartDate(), s.commitmentEndDate());
    }

    public static ChargedTerm of(Subscription s) {
      return new ChargedTerm(s.id(), s.organizationId(), s.catalogItemId(), s.quantity(), s.termDuration(),
          s.billingCycle(), s.startDate(), s.commitmentEndDate());
    }

    /** The same term with {@code seats}: what was bought, when Microsoft's count has changed since. */
    public ChargedTerm withQuantity(int seats) {
      return new ChargedTerm(subscriptionId, organizationId, catalogItemId, seats, termDuration, billingCycle,
          termStart, termEnd);
    }

    boolean known() {
      return termStart != null && termEnd != null && termDuration != null && billingCycle != null;
    }
  }

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final Clock clock;

  public ChargeLedger(JdbcClient jdbc, CatalogService catalog, PartnerPrices prices, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.prices = prices;
    this.clock = clock;
  }

  /**
   * The purchase of an order: the first cycle, for the seats ordered (Microsoft's count may already include a change
   * made after the purchase, e.g. when the monthly update found the subscription before the order's check did).
   */
  public void purchased(String orderId, ChargedTerm term) {
    full(term, ChargeType.NEW, "order:" + orderId, term.termStart());
  }

  /** A new term: its first cycle, with the term's product, plan, seats and price. */
  public void renewed(ChargedTerm newTerm) {
    full(newTerm, ChargeType.RENEW, "renewal:" + newTerm.termStart(), newTerm.termStart());
  }

  /** The renewals among renewals and expiries our records followed. */
  public void followed(List<RenewalFollowing.Followed> followed) {
    followed.stream().filter(f -> f.kind() == RenewalFollowing.Kind.RENEWED)
        .forEach(f -> renewed(ChargedTerm.of(f.was().organizationId(), f.now())));
  }

  /** Seats added (positive) or removed within their window (negative) at {@code at}, on the term {@code before}. */
  public void seatsChanged(String changeId, ChargedTerm before, int change, Instant at) {
    if (change != 0) {
      partial(before, change > 0 ? ChargeType.ADD : ChargeType.REMOVE, "change:" + changeId, change, at);
    }
  }

  /** The whole subscription cancelled within 7 days of its purchase or renewal. */
  public void cancelled(String cancellationId, ChargedTerm term, Instant at) {
    partial(term, ChargeType.CANCEL, "cancellation:" + cancellationId, -term.quantity(), at);
  }

  /**
   * Charges every billing cycle that has begun by now and is not charged yet, for the active subscriptions whose term
   * is paid in more than one cycle. Returns how many lines it wrote.
   */
  public int chargeCyclesDue() {
    Instant now = clock.instant();
    record PaidUntil(ChargedTerm term, Instant until) {}
    List<PaidUntil> billedInCycles = jdbc.sql("""
        SELECT s.id, s.organization_id, s.catalog_item_id, s.quantity, s.term_duration, s.billing_cycle, s.start_date,
          s.commitment_end_date, (SELECT MAX(c.ends_at) FROM charge_line c WHERE c.subscription_id = s.id
            AND c.charge_type IN ('NEW', 'RENEW', 'CYCLE') AND c.starts_at >= s.start_date) AS paid_until
        FROM subscription s
        WHERE s.status = 'ACTIVE' AND s.start_date IS NOT NULL AND s.commitment_end_date > :now
          AND ((s.billing_cycle = 'monthly' AND s.term_duration <> 'P1M')
            OR (s.billing_cycle = 'annual' AND s.term_duration = 'P3Y'))""")
        .param("now", Timestamp.from(now))
        .query((rs, row) -> new PaidUntil(new ChargedTerm(rs.getString("id"), rs.getString("organization_id"),
            rs.getString("catalog_item_id"), rs.getInt("quantity"), rs.getString("term_duration"),
            rs.getString("billing_cycle"), rs.getTimestamp("start_date").toInstant(),
            rs.getTimestamp("commitment_end_date").toInstant()),
            rs.getTimestamp("paid_until") == null ? null : rs.getTimestamp("paid_until").toInstant()))
        .list();
    int written = 0;
    for (PaidUntil paid : billedInCycles) {
      // A term charged by no line of ours (e.g. bought before the customer came to us) is charged from its renewal.
      Instant next = paid.until();
      while (next != null && !next.isAfter(now) && next.isBefore(paid.term().termEnd())) {
        if (full(paid.term(), ChargeType.CYCLE, "cycle:" + next, next)) {
          written++;
        }
        next = cycleEnd(paid.term(), next);
      }
    }
    return written;
  }

  private boolean full(ChargedTerm term, ChargeType type, String cause, Instant start) {
    if (!term.known()) {
      LOG.warn("No {} line for subscription {}: Microsoft reported no term dates", type, term.subscriptionId());
      return false;
    }
    Instant end = cycleEnd(term, start);
    int days = days(start, end);
    return insert(term, type, cause, start, end, days, days, term.quantity());
  }

  private void partial(ChargedTerm term, ChargeType type, String cause, int quantity, Instant at) {
    if (!term.known()) {
      LOG.warn("No {} line for subscription {}: Microsoft reported no term dates", type, term.subscriptionId());
      return;
    }
    Optional<Instant[]> paid = jdbc.sql("""
        SELECT starts_at, ends_at FROM charge_line WHERE subscription_id = :id AND charge_type IN ('NEW', 'RENEW', 'CYCLE')
          AND starts_at <= :at ORDER BY starts_at DESC LIMIT 1""")
        .param("id", term.subscriptionId()).param("at", Timestamp.from(at))
        .query((rs, row) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()})
        .optional();
    Instant cycleStart;
    Instant end;
    if (paid.isPresent() && at.isBefore(paid.get()[1])) {
      cycleStart = paid.get()[0];
      end = paid.get()[1];
    } else {
      cycleStart = term.termStart();
      while (!cycleEnd(term, cycleStart).isAfter(at) && cycleEnd(term, cycleStart).isBefore(term.termEnd())) {
        cycleStart = cycleEnd(term, cycleStart);
      }
      end = cycleEnd(term, cycleStart);
    }
    insert(term, type, cause, at, end, days(at, end), days(cycleStart, end), quantity);
  }

  private boolean insert(ChargedTerm term, ChargeType type, String cause, Instant start, Instant end, int days,
      int cycleDays, int quantity) {
    Optional<CatalogOffer> offer = catalog.offer(term.catalogItemId());
    LocalDate priceDay = LocalDate.ofInstant(term.termStart(), ZoneOffset.UTC);
    Optional<CatalogOffer.CatalogPrice> price = offer.flatMap(o -> o.price(term.termDuration(), term.billingCycle(),
        priceDay).or(() -> o.price(term.termDuration(), term.billingCycle(), LocalDate.now(clock))));
    if (price.isEmpty()) {
      LOG.warn("No {} line for subscription {}: Microsoft's price sheet has no price for {} {} {}", type,
          term.subscriptionId(), term.catalogItemId(), term.termDuration(), term.billingCycle());
      return false;
    }
    PartnerPrices.CustomersPrices customers = prices.forCustomer(term.organizationId()).orElseThrow();
    String partnerId = customers.partnerId();
    BigDecimal costUnit = price.get().unitPrice().setScale(2, RoundingMode.HALF_UP);
    Margin margin = customers.marginOf(offer.get());
    int months = monthsPerCycle(term.billingCycle());
    BigDecimal saleUnit = margin.salePrice(price.get().monthlyUnitPrice()).multiply(BigDecimal.valueOf(months));
    return jdbc.sql("""
        INSERT INTO charge_line (id, subscription_id, organization_id, partner_id, catalog_item_id, product, charge_type,
          cause, term_duration, billing_cycle, starts_at, ends_at, days, cycle_days, quantity, cost_unit_price, cost,
          sale_unit_price, sale, currency, created_at)
        SELECT :id, :subscriptionId, :organizationId, :partnerId, :item, :product, :type, :cause, :term, :cycle,
          :start, :end, :days, :cycleDays, :quantity, :costUnit, :cost, :saleUnit, :sale, :currency, :now
        FROM (VALUES (1)) AS one (x)
        WHERE NOT EXISTS (SELECT 1 FROM charge_line WHERE subscription_id = :subscriptionId AND charge_type = :type
          AND cause = :cause)""")
        .param("id", UUID.randomUUID().toString()).param("subscriptionId", term.subscriptionId())
        .param("organizationId", term.organizationId()).param("partnerId", partnerId)
        .param("item", term.catalogItemId()).param("product", offer.get().productName())
        .param("type", type.name()).param("cause", cause).param("term", term.termDuration())
        .param("cycle", term.billingCycle()).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .param("days", days).param("cycleDays", cycleDays).param("quantity", quantity)
        .param("costUnit", costUnit).param("cost", prorated(costUnit, quantity, days, cycleDays))
        .param("saleUnit", saleUnit).param("sale", prorated(saleUnit, quantity, days, cycleDays))
        .param("currency", offer.get().currency()).param("now", Timestamp.from(clock.instant()))
        .update() == 1;
  }

  /** unit price × seats × days ÷ days of the cycle, half up to the cent. */
  static BigDecimal prorated(BigDecimal unitPrice, int quantity, int days, int cycleDays) {
    return unitPrice.multiply(BigDecimal.valueOf((long) quantity * days))
        .divide(BigDecimal.valueOf(cycleDays), 2, RoundingMode.HALF_UP);
  }

  private static Instant cycleEnd(ChargedTerm term, Instant start) {
    Instant end = start.atZone(ZoneOffset.UTC).plus(Period.ofMonths(monthsPerCycle(term.billingCycle()))).toInstant();
    return end.isAfter(term.termEnd()) ? term.termEnd() : end;
  }

  static int monthsPerCycle(String billingCycle) {
    return switch (billingCycle.toLowerCase()) {
      case "annual" -> 12;
      case "triennial" -> 36;
      default -> 1;
    };
  }

  private static int days(Instant from, Instant to) {
    return (int) ChronoUnit.DAYS.between(LocalDate.ofInstant(from, ZoneOffset.UTC),
        LocalDate.ofInstant(to, ZoneOffset.UTC));
  }
}
