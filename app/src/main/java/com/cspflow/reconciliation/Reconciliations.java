package com.cspflow.reconciliation;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matches Microsoft's lines of a billing period with ours by subscription, charge type and the days charged (lines
 * with the same key add up on each side), and keeps the result: matched, an amount or a quantity that differs,
 * charged by Microsoft but not billed by us (revenue leakage), billed by us but not charged by Microsoft. A charge not
 * billed by us that belongs to an order of ours still in progress says so: that order's charge is recorded when it
 * is fulfilled, so the line is early rather than leakage.
 */
@Service
public class Reconciliations {

  /** What came of one key. */
  public enum Outcome { MATCHED, AMOUNT_DIFFERENCE, QUANTITY_DIFFERENCE, NOT_BILLED_BY_US, NOT_CHARGED_BY_MICROSOFT }

  /**
   * One key and both sides; {@code chargeType} is Microsoft's name, {@code reason} the same in a partner's words,
   * {@code difference} Microsoft's amount less ours, {@code note} what else the back office should know (or null).
   */
  public record Item(String partnerId, String organizationId, String subscriptionId, String product,
      String chargeType, String reason, LocalDate chargeStart, LocalDate chargeEnd, Outcome outcome,
      Integer microsoftQuantity, Integer ourQuantity, BigDecimal microsoftAmount, BigDecimal ourAmount,
      BigDecimal difference, String note) {}

  /** The counts and totals of a reconciliation, of all partners or of one. */
  public record Totals(int matched, int amountDifferences, int quantityDifferences, int notBilledByUs,
      int notChargedByMicrosoft, BigDecimal microsoftTotal, BigDecimal ourTotal, BigDecimal leakage,
      BigDecimal difference) {

    static Totals of(List<Item> items) {
      Map<Outcome, Integer> counts = new HashMap<>();
      BigDecimal microsoft = BigDecimal.ZERO;
      BigDecimal ours = BigDecimal.ZERO;
      BigDecimal leakage = BigDecimal.ZERO;
      for (Item item : items) {
        counts.merge(item.outcome(), 1, Integer::sum);
        microsoft = microsoft.add(Objects.requireNonNullElse(item.microsoftAmount(), BigDecimal.ZERO));
        ours = ours.add(Objects.requireNonNullElse(item.ourAmount(), BigDecimal.ZERO));
        if (item.outcome() == Outcome.NOT_BILLED_BY_US) {
          leakage = leakage.add(item.microsoftAmount());
        }
      }
      return new Totals(counts.getOrDefault(Outcome.MATCHED, 0), counts.getOrDefault(Outcome.AMOUNT_DIFFERENCE, 0),
          counts.getOrDefault(Outcome.QUANTITY_DIFFERENCE, 0), counts.getOrDefault(Outcome.NOT_BILLED_BY_US, 0),
          counts.getOrDefault(Outcome.NOT_CHARGED_BY_MICROSOFT, 0), microsoft, ours, leakage,
          microsoft.subtract(ours));
    }

    /** Anything to look into: a key that does not match. */
    public boolean clean() {
      return amountDifferences + quantityDifferences + notBilledByUs + notChargedByMicrosoft == 0;
    }
  }

  /** A stored reconciliation. */
  public record Reconciliation(String id, String period, String exportId, String currency, Instant createdAt,
      Totals totals) {}

  private record Key(String subscriptionId, String chargeType, LocalDate start, LocalDate end) {}

  private static final class Side {
    int quantity;
    BigDecimal amount = BigDecimal.ZERO;
    String product;
    String orderId;
    String catalogItemId;
    String partnerId;
    String organizationId;
  }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Clock clock;

  public Reconciliations(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  /** Reconciles {@code period}: Microsoft's lines of the export against our charge lines that start in the period. */
  @Transactional
  public Reconciliation reconcile(String period, String exportId, String currency) {
    ChargeMonth month = ChargeMonth.of(period);
    Map<Key, Side> microsoft = new LinkedHashMap<>();
    jdbc.sql("""
        SELECT m.subscription_id, m.charge_type, m.charge_start, m.charge_end, m.quantity, m.subtotal, m.product,
          o.partner_id, o.id, m.order_id, m.catalog_item_id
        FROM microsoft_charge m LEFT JOIN subscription s ON s.id = m.subscription_id
          LEFT JOIN m365_service v ON s.id IS NULL AND v.tenant_id = m.tenant_id
          LEFT JOIN organization o ON o.id = COALESCE(s.organization_id, v.organization_id)
        WHERE m.export_id = :exportId""").param("exportId", exportId).query(rs -> {
          Key key = new Key(rs.getString(1), rs.getString(2).toLowerCase(), day(rs.getDate(3)), day(rs.getDate(4)));
          Side side = microsoft.computeIfAbsent(key, k -> new Side());
          add(side, rs.getInt(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9));
          side.orderId = side.orderId == null ? rs.getString(10) : side.orderId;
          side.catalogItemId = side.catalogItemId == null ? rs.getString(11) : side.catalogItemId;
        });
    Map<Key, Side> ours = new LinkedHashMap<>();
    jdbc.sql("""
        SELECT subscription_id, charge_type, starts_at, ends_at, quantity, cost, product, partner_id, organization_id
        FROM charge_line WHERE starts_at >= :from AND starts_at < :to""")
        .param("from", month.from())
        .param("to", month.to())
        .query(rs -> {
          Key key = new Key(rs.getString(1), ChargeType.valueOf(rs.getString(2)).microsoftName().toLowerCase(),
              utcDay(rs.getTimestamp(3)), utcDay(rs.getTimestamp(4)).minusDays(1));
          add(ours.computeIfAbsent(key, k -> new Side()), rs.getInt(5), rs.getBigDecimal(6), rs.getString(7),
              rs.getString(8), rs.getString(9));
        });
    Map<String, List<OrderInProgress>> inProgress = ordersInProgress(microsoft.entrySet().stream()
        .filter(entry -> !ours.containsKey(entry.getKey())).map(entry -> entry.getValue().organizationId)
        .filter(Objects::nonNull).collect(Collectors.toSet()));
    List<Item> items = new ArrayList<>();
    microsoft.forEach((key, theirs) -> {
      Side our = ours.remove(key);
      items.add(item(key, theirs, our, our == null ? orderInProgressNote(theirs, inProgress) : null));
    });
    ours.forEach((key, our) -> items.add(item(key, null, our, null)));
    items.sort(Comparator.comparing((Item i) -> Objects.toString(i.partnerId(), "")).thenComparing(i ->
        Objects.toString(i.subscriptionId(), "")).thenComparing(i -> Objects.toString(i.chargeStart(), ""))
        .thenComparing(Item::chargeType));
    Totals totals = Totals.of(items);
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    jdbc.sql("""
        INSERT INTO reconciliation (id, period, export_id, currency, matched, amount_differences, quantity_differences,
          not_billed_by_us, not_charged_by_microsoft, microsoft_total, our_total, leakage, created_at)
        VALUES (:id, :period, :exportId, :currency, :matched, :amounts, :quantities, :leaks, :extras, :microsoft, :ours,
          :leakage, :now)""")
        .param("id", id).param("period", period).param("exportId", exportId).param("currency", currency)
        .param("matched", totals.matched()).param("amounts", totals.amountDifferences())
        .param("quantities", totals.quantityDifferences()).param("leaks", totals.notBilledByUs())
        .param("extras", totals.notChargedByMicrosoft()).param("microsoft", totals.microsoftTotal())
        .param("ours", totals.ourTotal()).param("leakage", totals.leakage()).param("now", Timestamp.from(now))
        .update();
    MapSqlParameterSource[] rows = new MapSqlParameterSource[items.size()];
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      rows[i] = new MapSqlParameterSource().addValue("id", id).addValue("no", i)
          .addValue("partner", item.partnerId(), Types.VARCHAR)
          .addValue("organization", item.organizationId(), Types.VARCHAR)
          .addValue("subscription", item.subscriptionId(), Types.VARCHAR)
          .addValue("product", item.product(), Types.VARCHAR).addValue("type", item.chargeType())
          .addValue("start", item.chargeStart() == null ? null : Date.valueOf(item.chargeStart()), Types.DATE)
          .addValue("end", item.chargeEnd() == null ? null : Date.valueOf(item.chargeEnd()), Types.DATE)
          .addValue("outcome", item.outcome().name())
          .addValue("microsoftQuantity", item.microsoftQuantity(), Types.INTEGER)
          .addValue("ourQuantity", item.ourQuantity(), Types.INTEGER)
          .addValue("microsoftAmount", item.microsoftAmount(), Types.DECIMAL)
          .addValue("ourAmount", item.ourAmount(), Types.DECIMAL).addValue("difference", item.difference())
          .addValue("note", item.note(), Types.VARCHAR);
    }
    batch.batchUpdate("""
        INSERT INTO reconciliation_item (reconciliation_id, item_no, partner_id, organization_id, subscription_id,
          product, charge_type, charge_start, charge_end, outcome, microsoft_quantity, our_quantity, microsoft_amount,
          our_amount, difference, note)
        VALUES (:id, :no, :partner, :organization, :subscription, :product, :type, :start, :end, :outcome,
          :microsoftQuantity, :ourQuantity, :microsoftAmount, :ourAmount, :difference, :note)""", rows);
    return new Reconciliation(id, period, exportId, currency, now, totals);
  }

  /** The newest reconciliation of {@code period}. */
  public Optional<Reconciliation> latest(String period) {
    return jdbc.sql("""
        SELECT * FROM reconciliation WHERE period = :period ORDER BY created_at DESC, id""").param("period", period)
        .query((rs, row) -> new Reconciliation(rs.getString("id"), rs.getString("period"), rs.getString("export_id"),
            rs.getString("currency"), rs.getTimestamp("created_at").toInstant(), new Totals(rs.getInt("matched"),
            rs.getInt("amount_differences"), rs.getInt("quantity_differences"), rs.getInt("not_billed_by_us"),
            rs.getInt("not_charged_by_microsoft"), rs.getBigDecimal("microsoft_total"), rs.getBigDecimal("our_total"),
            rs.getBigDecimal("leakage"), rs.getBigDecimal("microsoft_total").subtract(rs.getBigDecimal("our_total")))))
        .list().stream().findFirst();
  }

  /** A reconciliation's items, of one partner when {@code partnerId} is set. */
  public List<Item> items(String reconciliationId, String partnerId) {
    return jdbc.sql("""
        SELECT * FROM reconciliation_item WHERE reconciliation_id = :id
          AND (CAST(:partner AS VARCHAR(64)) IS NULL OR partner_id = :partner) ORDER BY item_no""")
        .param("id", reconciliationId).param("partner", partnerId, Types.VARCHAR)
        .query((rs, row) -> new Item(rs.getString("partner_id"), rs.getString("organization_id"),
            rs.getString("subscription_id"), rs.getString("product"), rs.getString("charge_type"),
            ChargeType.ofMicrosoft(rs.getString("charge_type")).map(ChargeType::inWords)
                .orElse("Charged by Microsoft as " + rs.getString("charge_type")), day(rs.getDate("charge_start")), day(rs.getDate("charge_end")), Outcome.valueOf(rs.getString("outcome")),
            (Integer) rs.getObject("microsoft_quantity", Integer.class),
            (Integer) rs.getObject("our_quantity", Integer.class), rs.getBigDecimal("microsoft_amount"),
            rs.getBigDecimal("our_amount"), rs.getBigDecimal("difference"), rs.getString("note")))
        .list();
  }

  private record OrderInProgress(String id, String cspOrderId, String catalogItemId, Instant since) {

    /** Microsoft's order when its line names one, else the same product (an export without order ids). */
    boolean charged(Side microsoft) {
      return microsoft.orderId == null || microsoft.orderId.isBlank()
          ? catalogItemId.equalsIgnoreCase(Objects.toString(microsoft.catalogItemId, ""))
          : microsoft.orderId.equalsIgnoreCase(Objects.toString(cspOrderId, ""));
    }
  }

  /**
   * The orders of ours still in progress, per organization, of the organizations given. All of them are read, not those
   * of the organizations named: a month's unbilled lines may name more customers than a statement takes parameters,
   * while few orders are in progress at any time (one read of the order table per reconciliation, only when a
   * charge of one of our customers is not billed by us).
   */
  private Map<String, List<OrderInProgress>> ordersInProgress(Set<String> wanted) {
    Map<String, List<OrderInProgress>> byOrganization = new HashMap<>();
    if (!wanted.isEmpty()) {
      jdbc.sql("""
          SELECT id, organization_id, csp_order_id, catalog_item_id, created_at FROM subscription_order
          WHERE status = 'IN_PROGRESS' ORDER BY created_at, id""")
          .query(rs -> {
            if (wanted.contains(rs.getString(2))) {
              byOrganization.computeIfAbsent(rs.getString(2), id -> new ArrayList<>()).add(new OrderInProgress(
                  rs.getString(1), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
            }
          });
    }
    return byOrganization;
  }

  /** For a charge of Microsoft's we have not billed: the order of ours it belongs to, if still in progress. */
  private static String orderInProgressNote(Side microsoft, Map<String, List<OrderInProgress>> inProgress) {
    return inProgress.getOrDefault(microsoft.organizationId, List.of()).stream()
        .filter(order -> order.charged(microsoft))
        .findFirst()
        .map(order -> "Charged for our order " + order.id() + ", still in progress since "
            + order.since().truncatedTo(ChronoUnit.SECONDS) + ": its charge is recorded when it is fulfilled. See"
            + " to the order if it waits in an incident, then reconcile again.")
        .orElse(null);
  }

  private static Item item(Key key, Side microsoft, Side ours, String note) {
    Side known = ours != null ? ours : microsoft;
    String partnerId = ours != null ? ours.partnerId : microsoft.partnerId;
    String organizationId = ours != null ? ours.organizationId : microsoft.organizationId;
    String product = microsoft != null && microsoft.product != null ? microsoft.product : known.product;
    BigDecimal theirAmount = microsoft == null ? null : microsoft.amount;
    BigDecimal ourAmount = ours == null ? null : ours.amount;
    Outcome outcome;
    if (ours == null) {
      outcome = Outcome.NOT_BILLED_BY_US;
    } else if (microsoft == null) {
      outcome = Outcome.NOT_CHARGED_BY_MICROSOFT;
    } else if (microsoft.quantity != ours.quantity) {
      outcome = Outcome.QUANTITY_DIFFERENCE;
    } else if (microsoft.amount.compareTo(ours.amount) != 0) {
      outcome = Outcome.AMOUNT_DIFFERENCE;
    } else {
      outcome = Outcome.MATCHED;
    }
    BigDecimal difference = Objects.requireNonNullElse(theirAmount, BigDecimal.ZERO)
        .subtract(Objects.requireNonNullElse(ourAmount, BigDecimal.ZERO));
    Optional<ChargeType> type = ChargeType.ofMicrosoft(key.chargeType());
    return new Item(partnerId, organizationId, key.subscriptionId(), product,
        type.map(ChargeType::microsoftName).orElse(key.chargeType()),
        type.map(ChargeType::inWords).orElse("Charged by Microsoft as " + key.chargeType()), key.start(),
        key.end(), outcome, microsoft == null ? null : microsoft.quantity, ours == null ? null : ours.quantity,
        theirAmount, ourAmount, difference, note);
  }

  private static void add(Side side, int quantity, BigDecimal amount, String product, String partnerId,
      String organizationId) {
    side.quantity += quantity;
    side.amount = side.amount.add(amount);
    side.product = side.product == null ? product : side.product;
    side.partnerId = side.partnerId == null ? partnerId : side.partnerId;
    side.organizationId = side.organizationId == null ? organizationId : side.organizationId;
  }

  private static LocalDate day(java.sql.Date date) {
    return date == null ? null : date.toLocalDate();
  }

  private static LocalDate utcDay(Timestamp timestamp) {
    return LocalDate.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
  }
}
