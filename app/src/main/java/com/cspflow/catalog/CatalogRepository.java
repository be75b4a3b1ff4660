package com.cspflow.catalog;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.CatalogPrice;
import com.cspflow.csp.CatalogOffer.TermPlan;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local catalog: offers (withdrawn ones kept) and every price Microsoft's price sheets gave them. */
@Repository
public class CatalogRepository {

  private final JdbcClient jdbc;

  public CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores an offer Microsoft lists now (listed again if it was withdrawn) and its prices: a price already known
   * keeps its row and takes the end date Microsoft has announced since; none is ever deleted.
   *
   * @return how many price rows are new or changed
   */
  public int save(CatalogOffer offer, Instant now) {
    int updated = jdbc.sql("""
        UPDATE catalog_offer SET category = :category, product_group = :group, product = :product,
          minimum_quantity = :min, maximum_quantity = :max, term_plans = :terms, currency = :currency,
          withdrawn_on = NULL, refreshed_at = :now
        WHERE catalog_item_id = :id""")
        .params(parameters(offer, now)).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO catalog_offer (catalog_item_id, category, product_group, product, minimum_quantity,
            maximum_quantity, term_plans, currency, refreshed_at)
          VALUES (:id, :category, :group, :product, :min, :max, :terms, :currency, :now)""")
          .params(parameters(offer, now)).update();
    }
    Map<String, CatalogPrice> known = new HashMap<>();
    prices(List.of(offer.catalogItemId())).getOrDefault(offer.catalogItemId(), List.of())
        .forEach(price -> known.put(key(price), price));
    int changed = 0;
    for (CatalogPrice price : offer.prices()) {
      CatalogPrice stored = known.get(key(price));
      if (stored == null) {
        jdbc.sql("""
            INSERT INTO catalog_price (catalog_item_id, term_duration, billing_plan, effective_from, effective_to,
              unit_price, currency)
            VALUES (:id, :term, :plan, :from, :to, :price, :currency)""")
            .params(priceParameters(offer, price)).update();
        changed++;
      } else if (!Objects.equals(stored.effectiveTo(), price.effectiveTo())
          || stored.unitPrice().compareTo(price.unitPrice()) != 0) {
        jdbc.sql("""
            UPDATE catalog_price SET effective_to = :to, unit_price = :price, currency = :currency
            WHERE catalog_item_id = :id AND term_duration = :term AND billing_plan = :plan
              AND effective_from = :from""")
            .params(priceParameters(offer, price)).update();
        changed++;
      }
    }
    return changed;
  }

  /** Offers Microsoft no longer lists are kept, marked withdrawn on {@code today}; returns how many were marked. */
  public int markWithdrawnWhenNotRefreshedSince(Instant since, LocalDate today) {
    return jdbc.sql("UPDATE catalog_offer SET withdrawn_on = :today WHERE refreshed_at < :since "
            + "AND withdrawn_on IS NULL")
        .param("today", Date.valueOf(today)).param("since", Timestamp.from(since)).update();
  }

  public Optional<CatalogOffer> find(String catalogItemId) {
    return jdbc.sql("SELECT * FROM catalog_offer WHERE catalog_item_id = :id").param("id", catalogItemId)
        .query(CatalogRepository::offer).optional().map(this::withPrices);
  }

  public List<CatalogOffer> all() {
    List<CatalogOffer> offers = jdbc.sql(
            "SELECT * FROM catalog_offer ORDER BY category, product_group, product, catalog_item_id")
        .query(CatalogRepository::offer).list();
    Map<String, List<CatalogPrice>> prices = prices(null);
    return offers.stream().map(o -> withPrices(o, prices.getOrDefault(o.catalogItemId(), List.of()))).toList();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM catalog_offer").query(Long.class).single();
  }

  private CatalogOffer withPrices(CatalogOffer offer) {
    return withPrices(offer, prices(List.of(offer.catalogItemId())).getOrDefault(offer.catalogItemId(), List.of()));
  }

  private static CatalogOffer withPrices(CatalogOffer offer, List<CatalogPrice> prices) {
    return new CatalogOffer(offer.catalogItemId(), offer.category(), offer.productGroup(), offer.productName(),
        offer.minimumQuantity(), offer.maximumQuantity(), offer.terms(), offer.currency(), prices,
        offer.withdrawnOn());
  }

  /** Prices by catalog item, of {@code catalogItemIds} or (null) of all. */
  private Map<String, List<CatalogPrice>> prices(List<String> catalogItemIds) {
    var query = catalogItemIds == null
        ? jdbc.sql("SELECT * FROM catalog_price ORDER BY catalog_item_id, term_duration, billing_plan, effective_from")
        : jdbc.sql("""
            SELECT * FROM catalog_price WHERE catalog_item_id IN (:ids)
            ORDER BY catalog_item_id, term_duration, billing_plan, effective_from""")
            .param("ids", catalogItemIds);
    Map<String, List<CatalogPrice>> prices = new HashMap<>();
    query.query((rs, row) -> {
      prices.computeIfAbsent(rs.getString("catalog_item_id"), id -> new ArrayList<>()).add(new CatalogPrice(
          rs.getString("term_duration"), rs.getString("billing_plan"), rs.getBigDecimal("unit_price"),
          rs.getDate("effective_from").toLocalDate(), localDate(rs.getDate("effective_to"))));
      return null;
    }).list();
    return prices;
  }

  private static String key(CatalogPrice price) {
    return price.termDuration() + "/" + price.billingCycle() + "/" + price.effectiveFrom();
  }

  private static Map<String, Object> parameters(CatalogOffer offer, Instant now) {
    return Map.ofEntries(
        Map.entry("id", offer.catalogItemId()),
        Map.entry("category", offer.category()),
        Map.entry("group", offer.productGroup()),
        Map.entry("product", offer.productName()),
        Map.entry("min", offer.minimumQuantity()),
        Map.entry("max", offer.maximumQuantity()),
        Map.entry("terms", offer.terms().stream().map(t -> t.termDuration() + "/" + t.billingCycle())
            .collect(Collectors.joining(" "))),
        Map.entry("currency", offer.currency()),
        Map.entry("now", Timestamp.from(now)));
  }

  private static Map<String, Object> priceParameters(CatalogOffer offer, CatalogPrice price) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("id", offer.catalogItemId());
    parameters.put("term", price.termDuration());
    parameters.put("plan", price.billingCycle());
    parameters.put("from", Date.valueOf(price.effectiveFrom()));
    parameters.put("to", price.effectiveTo() == null ? null : Date.valueOf(price.effectiveTo()));
    parameters.put("price", price.unitPrice());
    parameters.put("currency", offer.currency());
    return parameters;
  }

  private static CatalogOffer offer(ResultSet rs, int row) throws SQLException {
    return new CatalogOffer(
        rs.getString("catalog_item_id"),
        rs.getString("category"),
        rs.getString("product_group"),
        rs.getString("product"),
        rs.getInt("minimum_quantity"),
        rs.getInt("maximum_quantity"),
        Arrays.stream(rs.getString("term_plans").split(" ")).map(pair -> pair.split("/", 2))
            .map(pair -> new TermPlan(pair[0], pair[1])).toList(),
        rs.getString("currency").trim(),
        List.of(),
        localDate(rs.getDate("withdrawn_on")));
  }

  private static LocalDate localDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }
}
