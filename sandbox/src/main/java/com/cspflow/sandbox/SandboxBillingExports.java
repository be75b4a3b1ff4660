package com.cspflow.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Microsoft Graph's export of billed and unbilled reconciliation lines (digest /work/shared/partner-center.md, "Billing
 * reconciliation"): a request fixes which charges it holds, the operation is running until {@code readyAfter} has
 * passed, then its manifest names gzipped JSON-lines blobs of at most {@code linesPerBlob} lines each.
 *
 * <p>Fault injection for the next export ({@link #injectIntoNext}): downloads that break off half-way, and a tampered
 * file (a line missing, or a price changed), so that a reconciliation can be shown to catch them.
 */
@Component
class SandboxBillingExports {

  static final String DROP_LINE = "drop-line";
  static final String CHANGE_PRICE = "change-price";
  static final String CHANGE_QUANTITY = "change-quantity";
  static final List<String> TAMPERINGS = List.of(DROP_LINE, CHANGE_PRICE, CHANGE_QUANTITY);
  /** Kept on a line while it is built, for a tampering that recomputes it; never written. */
  private static final String DAYS = "_days";
  private static final String PERIOD_DAYS = "_periodDays";
  private static final String CHARGE_ID = "_chargeId";

  /**
   * What the next export gets wrong: downloads that break off first (of blob {@code failingBlob} only, when set), a
   * tampering of the first line (of {@code tamperSubscription}'s lines, when set), a blob size (null: the default).
   */
  record Injection(int failingDownloads, Integer failingBlob, String tamper, String tamperSubscription,
      Integer linesPerBlob) {}

  record Export(String id, String kind, long periodStart, long periodEnd, String currency, long lastChargeId,
      int lineCount, int linesPerBlob, String sasToken, String tamper, String tamperSubscription,
      int failingDownloads, Integer failingBlob, long createdAt, long readyAt) {

    int blobCount() {
      return Math.max(1, (lineCount + linesPerBlob - 1) / linesPerBlob);
    }
  }

  private final JdbcTemplate jdbc;
  private final SandboxCommerce commerce;
  private final ObjectMapper json;
  private final SandboxProperties properties;
  private final AtomicReference<Injection> next = new AtomicReference<>();

  SandboxBillingExports(JdbcTemplate jdbc, SandboxCommerce commerce, ObjectMapper json,
      SandboxProperties properties) {
    this.jdbc = jdbc;
    this.commerce = commerce;
    this.json = json;
    this.properties = properties;
  }

  void injectIntoNext(Injection injection) {
    next.set(injection);
  }

  /**
   * An export of the unbilled lines of the current or the last billing period (calendar months, UTC). Renewals and
   * billing cycles that have fallen due are charged first, as Microsoft has charged them by then.
   */
  @Transactional
  Export requestUnbilled(String billingPeriod, String currency) {
    if (!"current".equals(billingPeriod) && !"last".equals(billingPeriod)) {
      throw SandboxError.invalid("billingPeriod must be current or last");
    }
    if (!SandboxCatalog.CURRENCY.equals(currency)) {
      throw SandboxError.invalid("currencyCode: the partner is billed in " + SandboxCatalog.CURRENCY);
    }
    YearMonth month = thisMonth();
    return request("unbilled", "last".equals(billingPeriod) ? month.minusMonths(1) : month);
  }

  /**
   * An export of the billed lines of an invoice: the sandbox invoices each calendar month once it has ended, as
   * {@code G} and the month ({@code G202611}), listed by {@code GET /v1/invoices}.
   */
  @Transactional
  Export requestBilled(String invoiceId) {
    YearMonth month = invoiceMonth(invoiceId);
    if (month == null || !month.isBefore(thisMonth())) {
      throw SandboxError.notFound("Invoice " + invoiceId + " not found");
    }
    return request("billed", month);
  }

  /** The invoices of the months that have ended, newest first, back to the first month with a charge. */
  List<Map<String, Object>> invoices() {
    Long first = jdbc.queryForObject("SELECT MIN(charge_start) FROM sandbox_charge", Long.class);
    List<Map<String, Object>> invoices = new ArrayList<>();
    if (first == null) {
      return invoices;
    }
    YearMonth oldest = YearMonth.from(Instant.ofEpochMilli(first).atOffset(ZoneOffset.UTC));
    for (YearMonth month = thisMonth().minusMonths(1); !month.isBefore(oldest); month = month.minusMonths(1)) {
      Map<String, Object> invoice = new LinkedHashMap<>();
      invoice.put("id", invoiceId(month));
      invoice.put("invoiceDate", month.plusMonths(1).atDay(1) + "T00:00:00Z");
      invoice.put("billingPeriodStartDate", month.atDay(1) + "T00:00:00Z");
      invoice.put("billingPeriodEndDate", month.atEndOfMonth() + "T00:00:00Z");
      invoice.put("currencyCode", SandboxCatalog.CURRENCY);
      invoice.put("invoiceType", "Recurring");
      invoice.put("attributes", Map.of("objectType", "Invoice"));
      invoices.add(invoice);
    }
    return invoices;
  }

  static String invoiceId(YearMonth month) {
    return String.format("G%04d%02d", month.getYear(), month.getMonthValue());
  }

  private static YearMonth invoiceMonth(String invoiceId) {
    if (invoiceId == null || !invoiceId.matches("G\\d{6}")) {
      return null;
    }
    return YearMonth.of(Integer.parseInt(invoiceId.substring(1, 5)), Integer.parseInt(invoiceId.substring(5)));
  }

  private static YearMonth thisMonth() {
    return YearMonth.now(ZoneOffset.UTC);
  }

  private Export request(String kind, YearMonth month) {
    commerce.chargeAllDue();
    long now = System.currentTimeMillis();
    String currency = SandboxCatalog.CURRENCY;
    long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    Long lastId = jdbc.queryForObject("SELECT MAX(id) FROM sandbox_charge", Long.class);
    long last = lastId == null ? 0 : lastId;
    Integer lines = jdbc.queryForObject("SELECT COUNT(*) FROM sandbox_charge WHERE charge_start >= ? "
        + "AND charge_start < ? AND id <= ?", Integer.class, start, end, last);
    Injection injection = Optional.ofNullable(next.getAndSet(null)).orElse(new Injection(0, null, null, null, null));
    int perBlob = injection.linesPerBlob() == null ? properties.billingExport().linesPerBlob()
        : injection.linesPerBlob();
    Export export = new Export(UUID.randomUUID().toString(), kind, start, end, currency, last, lines, perBlob,
        UUID.randomUUID().toString().replace("-", ""), injection.tamper(), injection.tamperSubscription(),
        injection.failingDownloads(), injection.failingBlob(), now,
        now + properties.billingExport().readyAfter().toMillis());
    jdbc.update("INSERT INTO sandbox_billing_export (id, kind, period_start, period_end, currency, last_charge_id, "
            + "line_count, lines_per_blob, sas_token, tamper, tamper_subscription, failing_downloads, failing_blob, "
            + "created_at, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", export.id(), export.kind(),
        start, end, currency, last, lines, perBlob, export.sasToken(), export.tamper(), export.tamperSubscription(),
        export.failingDownloads(), export.failingBlob(), now, export.readyAt());
    return export;
  }

  Optional<Export> export(String id) {
    return jdbc.query("SELECT * FROM sandbox_billing_export WHERE id = ?", (rs, row) -> new Export(rs.getString("id"),
        rs.getString("kind"), rs.getLong("period_start"), rs.getLong("period_end"), rs.getString("currency"),
        rs.getLong("last_charge_id"), rs.getInt("line_count"), rs.getInt("lines_per_blob"),
        rs.getString("sas_token"), rs.getString("tamper"), rs.getString("tamper_subscription"),
        rs.getInt("failing_downloads"), (Integer) rs.getObject("failing_blob", Integer.class), rs.getLong("created_at"),
        rs.getLong("ready_at")), id).stream().findFirst();
  }

  /** True when this download of blob {@code number} is one of those injected to fail (and counts it). */
  boolean failsThisTime(Export export, int number) {
    if (export.failingBlob() != null && export.failingBlob() != number) {
      return false;
    }
    return jdbc.update("UPDATE sandbox_billing_export SET failing_downloads = failing_downloads - 1 "
        + "WHERE id = ? AND failing_downloads > 0", export.id()) == 1;
  }

  /** Blob {@code number} (from 0), gzipped JSON lines. */
  byte[] blob(Export export, int number) {
    String invoiceNumber = "billed".equals(export.kind())
        ? invoiceId(YearMonth.from(Instant.ofEpochMilli(export.periodStart()).atOffset(ZoneOffset.UTC))) : "";
    List<Map<String, Object>> lines = new ArrayList<>();
    jdbc.query("SELECT c.*, t.company_name, t.domain FROM sandbox_charge c JOIN sandbox_customer t "
            + "ON t.id = c.customer_id WHERE c.charge_start >= ? AND c.charge_start < ? AND c.id <= ? "
            + "ORDER BY c.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        rs -> {
          lines.add(line(rs, invoiceNumber));
        }, export.periodStart(), export.periodEnd(), export.lastChargeId(), (long) number * export.linesPerBlob(),
        export.linesPerBlob());
    if (export.tamper() != null) {
      tamper(export, number, lines);
    }
    lines.forEach(line -> {
      line.remove(DAYS);
      line.remove(PERIOD_DAYS);
      line.remove(CHARGE_ID);
    });
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (Map<String, Object> line : lines) {
        gzip.write(json.writeValueAsBytes(line));
        gzip.write('\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The first line of the export, or of the subscription named, in this blob if it is there. */
  private void tamper(Export export, int number, List<Map<String, Object>> lines) {
    Long first = export.tamperSubscription() == null
        ? jdbc.queryForObject("SELECT MIN(id) FROM sandbox_charge WHERE charge_start >= ? AND charge_start < ? "
            + "AND id <= ?", Long.class, export.periodStart(), export.periodEnd(), export.lastChargeId())
        : jdbc.queryForObject("SELECT MIN(id) FROM sandbox_charge WHERE charge_start >= ? AND charge_start < ? "
            + "AND id <= ? AND subscription_id = ?", Long.class, export.periodStart(), export.periodEnd(),
            export.lastChargeId(), export.tamperSubscription());
    int index = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (first != null && first.equals(lines.get(i).get(CHARGE_ID))) {
        index = i;
      }
    }
    if (index < 0) {
      return;
    }
    String tamper = export.tamper();
    Map<String, Object> line = lines.get(index);
    if (DROP_LINE.equals(tamper)) {
      lines.remove(index);
    } else if (CHANGE_QUANTITY.equals(tamper)) {
      line.put("Quantity", (Integer) line.get("Quantity") + 1);
      line.put("BillableQuantity", line.get("Quantity"));
    } else if (CHANGE_PRICE.equals(tamper)) {
      BigDecimal raised = ((BigDecimal) line.get("UnitPrice")).add(BigDecimal.ONE);
      line.put("UnitPrice", raised);
      int quantity = (Integer) line.get("Quantity");
      int days = (Integer) line.get(DAYS);
      int periodDays = (Integer) line.get(PERIOD_DAYS);
      BigDecimal subtotal = raised.multiply(BigDecimal.valueOf((long) quantity * days))
          .divide(BigDecimal.valueOf(periodDays), 2, RoundingMode.HALF_UP);
      line.put("Subtotal", subtotal);
      line.put("TotalForCustomer", subtotal);
      line.put("EffectiveUnitPrice", effective(raised, days, periodDays));
    }
  }

  private Map<String, Object> line(java.sql.ResultSet rs, String invoiceNumber) throws java.sql.SQLException {
    String[] item = rs.getString("catalog_item_id").split(":");
    long start = rs.getLong("charge_start");
    long end = rs.getLong("charge_end");
    int days = rs.getInt("days");
    int periodDays = rs.getInt("period_days");
    BigDecimal unitPrice = rs.getBigDecimal("unit_price");
    String billingCycle = rs.getString("billing_cycle");
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("PartnerId", properties.tenantId() == null ? "" : properties.tenantId());
    line.put("CustomerId", rs.getString("customer_id"));
    line.put("CustomerName", rs.getString("company_name"));
    line.put("CustomerDomainName", rs.getString("domain"));
    line.put("InvoiceNumber", invoiceNumber);
    line.put("OrderId", rs.getString("order_id") == null ? "" : rs.getString("order_id"));
    line.put("ProductId", item[0]);
    line.put("SkuId", item[1]);
    line.put("AvailabilityId", item[2]);
    line.put("ProductName", rs.getString("offer_name"));
    line.put("SkuName", rs.getString("offer_name"));
    line.put("ChargeType", rs.getString("charge_type"));
    line.put("UnitPrice", unitPrice);
    line.put("EffectiveUnitPrice", effective(unitPrice, days, periodDays));
    line.put("Quantity", rs.getInt("quantity"));
    line.put("BillableQuantity", rs.getInt("quantity"));
    line.put("UnitType", "Licenses");
    line.put("Subtotal", rs.getBigDecimal("subtotal"));
    line.put("TaxTotal", BigDecimal.ZERO.setScale(2));
    line.put("TotalForCustomer", rs.getBigDecimal("subtotal"));
    line.put("Currency", rs.getString("currency"));
    line.put("PricingCurrency", rs.getString("currency"));
    line.put("SubscriptionId", rs.getString("subscription_id"));
    line.put("SubscriptionDescription", rs.getString("offer_name"));
    line.put("ChargeStartDate", SandboxCharges.date(start) + "T00:00:00Z");
    line.put("ChargeEndDate", SandboxCharges.date(end).minusDays(1) + "T00:00:00Z");
    line.put("TermAndBillingCycle", termAndBillingCycle(rs.getString("term_duration"), billingCycle));
    line.put("BillingFrequency", billingCycle.substring(0, 1).toUpperCase() + billingCycle.substring(1));
    line.put("ProductCategory", "Microsoft 365");
    line.put(CHARGE_ID, rs.getLong("id"));
    line.put(DAYS, days);
    line.put(PERIOD_DAYS, periodDays);
    return line;
  }

  private static BigDecimal effective(BigDecimal unitPrice, int days, int periodDays) {
    return unitPrice.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(periodDays), 6,
        RoundingMode.HALF_UP);
  }

  private static String termAndBillingCycle(String term, String billingCycle) {
    String duration = switch (term) {
      case "P1M" -> "1 Month";
      case "P3Y" -> "3 Years";
      default -> "1 Year";
    };
    return duration + " Subscription - " + billingCycle.substring(0, 1).toUpperCase() + billingCycle.substring(1)
        + " Billing";
  }

  static String dateTime(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
