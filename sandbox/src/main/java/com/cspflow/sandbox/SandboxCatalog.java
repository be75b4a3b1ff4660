package com.cspflow.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Microsoft's catalog as the sandbox sells it (migration V21 says what): products of the new-commerce view, one SKU
 * per product and segment with one availability, and the license-based price sheet.
 *
 * <p>Prices follow Microsoft's rule of 1 April 2025: the annual term billed annually is the base, billed monthly it
 * costs 5 % more, a monthly term 20 % more; a triennial term costs the base. A price sheet row carries the price of
 * one billing period, as Microsoft's does (an annual plan a year's, a triennial one three years').
 *
 * <p>A withdrawn offer is no longer listed nor sold; its subscriptions live on, renew and are billed.
 */
@Component
class SandboxCatalog {

  static final String CURRENCY = "EUR";
  static final String NEW_COMMERCE_VIEW = "OnlineServicesNCE";
  static final BigDecimal ANNUAL_TERM_BILLED_MONTHLY = new BigDecimal("1.05");
  static final BigDecimal MONTHLY_TERM = new BigDecimal("1.20");

  /** A term and how it is billed, as an availability's {@code terms} and the price sheet name them. */
  record TermPlan(String duration, String billingCycle) {

    /** Months one payment covers. */
    int monthsBilled() {
      return switch (billingCycle) {
        case "annual" -> 12;
        case "triennial" -> 36;
        default -> 1;
      };
    }

    /** One seat for one billing period, from the annual-billed-annually price per month. */
    BigDecimal unitPrice(BigDecimal base) {
      BigDecimal perMonth = "P1M".equals(duration) ? base.multiply(MONTHLY_TERM)
          : "monthly".equals(billingCycle) ? base.multiply(ANNUAL_TERM_BILLED_MONTHLY) : base;
      return perMonth.multiply(BigDecimal.valueOf(monthsBilled())).setScale(2, RoundingMode.HALF_UP);
    }
  }

  record Product(String id, String title, String description) {}

  record Offer(String catalogItemId, String productId, String skuId, String availabilityId, String name,
      String segment, int minimumQuantity, int maximumQuantity, List<TermPlan> terms) {

    boolean offers(String termDuration, String billingCycle) {
      return terms.contains(new TermPlan(termDuration, billingCycle == null ? null : billingCycle.toLowerCase()));
    }
  }

  /** One row of the license-based price sheet; {@code effectiveEnd} null while no later price is announced. */
  record PriceRow(Product product, Offer offer, TermPlan term, BigDecimal unitPrice, LocalDate effectiveStart,
      LocalDate effectiveEnd) {}

  private final JdbcTemplate jdbc;
  private volatile Map<String, Offer> offers;
  private volatile Map<String, Product> products;

  SandboxCatalog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every offer ever sold, the withdrawn ones too: subscriptions may name them. Seeded by migration: read once. */
  Offer offer(String catalogItemId) {
    Offer offer = catalogItemId == null ? null : offersById().get(catalogItemId);
    if (offer == null) {
      throw SandboxError.invalid("Catalog item " + catalogItemId + " is not in the catalog");
    }
    return offer;
  }

  /** An offer a new order or a next term may choose. */
  Offer offerForSale(String catalogItemId) {
    Offer offer = offer(catalogItemId);
    if (withdrawn().containsKey(catalogItemId)) {
      throw SandboxError.invalid("Catalog item " + catalogItemId + " (" + offer.name() + ") is no longer sold");
    }
    return offer;
  }

  /** The products with an offer for sale in {@code segment} (all segments when null). */
  List<Product> products(String segment) {
    return listed(segment).stream().map(Offer::productId).distinct().map(productsById()::get).toList();
  }

  Product product(String productId) {
    Product product = productsById().get(productId);
    if (product == null || products(null).stream().noneMatch(p -> p.id().equals(productId))) {
      throw SandboxError.notFound("Product " + productId + " not found");
    }
    return product;
  }

  /** The SKUs of a product for sale, each with its one availability. */
  List<Offer> skus(String productId, String segment) {
    product(productId);
    return listed(segment).stream().filter(o -> o.productId().equals(productId)).toList();
  }

  Offer sku(String productId, String skuId) {
    return skus(productId, null).stream().filter(o -> o.skuId().equals(skuId)).findFirst()
        .orElseThrow(() -> SandboxError.notFound("SKU " + productId + "/" + skuId + " not found"));
  }

  /**
   * The price sheet of {@code month}: every offer sold at some time of the month, with each price in force during it
   * and the dates it is in force.
   */
  List<PriceRow> priceSheet(YearMonth month) {
    LocalDate first = month.atDay(1);
    LocalDate last = month.atEndOfMonth();
    Map<String, Long> withdrawn = withdrawn();
    Map<String, List<Map.Entry<LocalDate, BigDecimal>>> prices = new HashMap<>();
    jdbc.query("SELECT catalog_item_id, effective_from, annual_unit_price FROM sandbox_price "
        + "ORDER BY catalog_item_id, effective_from", rs -> {
          prices.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
              .add(Map.entry(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)));
        });
    List<PriceRow> rows = new ArrayList<>();
    for (Offer offer : offersById().values()) {
      Long withdrawnAt = withdrawn.get(offer.catalogItemId());
      if (withdrawnAt != null && withdrawnAt < first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()) {
        continue;
      }
      List<Map.Entry<LocalDate, BigDecimal>> periods = prices.getOrDefault(offer.catalogItemId(), List.of());
      for (int i = 0; i < periods.size(); i++) {
        LocalDate start = periods.get(i).getKey();
        LocalDate end = i + 1 < periods.size() ? periods.get(i + 1).getKey().minusDays(1) : null;
        if (start.isAfter(last) || (end != null && end.isBefore(first))) {
          continue;
        }
        for (TermPlan term : offer.terms()) {
          rows.add(new PriceRow(productsById().get(offer.productId()), offer, term,
              term.unitPrice(periods.get(i).getValue()), start, end));
        }
      }
    }
    return rows;
  }

  /**
   * One seat for one billing period of {@code term}, at the price in force on {@code on} (new commerce locks a
   * term's price at its start, so callers pass the term's first day).
   */
  BigDecimal unitPrice(String catalogItemId, TermPlan term, LocalDate on) {
    List<BigDecimal> base = jdbc.queryForList("SELECT annual_unit_price FROM sandbox_price WHERE catalog_item_id = ? "
        + "AND effective_from <= ? ORDER BY effective_from DESC", BigDecimal.class, catalogItemId, Date.valueOf(on));
    if (base.isEmpty()) {
      base = jdbc.queryForList("SELECT annual_unit_price FROM sandbox_price WHERE catalog_item_id = ? "
          + "ORDER BY effective_from", BigDecimal.class, catalogItemId);
    }
    if (base.isEmpty()) {
      throw SandboxError.invalid("Catalog item " + catalogItemId + " has no price");
    }
    return term.unitPrice(base.get(0));
  }

  /** Microsoft announces a new price (the annual term billed annually, per seat per month) from a date. */
  void changePrice(String catalogItemId, LocalDate effectiveFrom, BigDecimal annualUnitPrice) {
    offer(catalogItemId);
    int updated = jdbc.update("UPDATE sandbox_price SET annual_unit_price = ? WHERE catalog_item_id = ? "
        + "AND effective_from = ?", annualUnitPrice, catalogItemId, Date.valueOf(effectiveFrom));
    if (updated == 0) {
      jdbc.update("INSERT INTO sandbox_price (catalog_item_id, effective_from, annual_unit_price) VALUES (?, ?, ?)",
          catalogItemId, Date.valueOf(effectiveFrom), annualUnitPrice);
    }
  }

  /** Microsoft withdraws an offer from its catalog ({@code at} epoch ms), or lists it again ({@code at} null). */
  void withdraw(String catalogItemId, Long at) {
    offer(catalogItemId);
    jdbc.update("UPDATE sandbox_offer SET withdrawn_at = ? WHERE catalog_item_id = ?", at, catalogItemId);
  }

  private List<Offer> listed(String segment) {
    Map<String, Long> withdrawn = withdrawn();
    return offersById().values().stream().filter(o -> !withdrawn.containsKey(o.catalogItemId()))
        .filter(o -> segment == null || o.segment().equalsIgnoreCase(segment)).toList();
  }

  private Map<String, Long> withdrawn() {
    Map<String, Long> withdrawn = new HashMap<>();
    jdbc.query("SELECT catalog_item_id, withdrawn_at FROM sandbox_offer WHERE withdrawn_at IS NOT NULL",
        rs -> {
          withdrawn.put(rs.getString(1), rs.getLong(2));
        });
    return withdrawn;
  }

  private Map<String, Offer> offersById() {
    if (offers == null) {
      offers = jdbc.query("SELECT * FROM sandbox_offer ORDER BY sort_order", (rs, row) -> new Offer(
          rs.getString("catalog_item_id"), rs.getString("product_id"), rs.getString("sku_id"),
          rs.getString("availability_id"), rs.getString("name"), rs.getString("segment"),
          rs.getInt("minimum_quantity"), rs.getInt("maximum_quantity"), terms(rs.getString("terms"))))
          .stream().collect(Collectors.toMap(Offer::catalogItemId, Function.identity(), (a, b) -> a,
              LinkedHashMap::new));
    }
    return offers;
  }

  private Map<String, Product> productsById() {
    if (products == null) {
      products = jdbc.query("SELECT product_id, title, description FROM sandbox_product",
          (rs, row) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3))).stream()
          .collect(Collectors.toMap(Product::id, Function.identity()));
    }
    return products;
  }

  private static List<TermPlan> terms(String stored) {
    return Arrays.stream(stored.trim().split(" ")).map(pair -> pair.split("/", 2))
        .map(pair -> new TermPlan(pair[0], pair[1])).toList();
  }
}
