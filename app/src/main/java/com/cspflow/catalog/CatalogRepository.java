package com.cspflow.catalog;

import com.cspflow.csp.CatalogOffer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CatalogRepository {

  private final JdbcClient jdbc;

  public CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(CatalogOffer offer, Instant now) {
    int updated = jdbc.sql("""
        UPDATE catalog_offer SET category = :category, product_group = :group, product = :product,
          minimum_quantity = :min, maximum_quantity = :max, terms = :terms, billing_cycles = :cycles,
          unit_price = :price, currency = :currency, term_unit_prices = :termPrices, refreshed_at = :now
        WHERE catalog_item_id = :id""")
        .params(parameters(offer, now)).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO catalog_offer (catalog_item_id, category, product_group, product, minimum_quantity,
            maximum_quantity, terms, billing_cycles, unit_price, currency, term_unit_prices, refreshed_at)
          VALUES (:id, :category, :group, :product, :min, :max, :terms, :cycles, :price, :currency, :termPrices,
            :now)""")
          .params(parameters(offer, now)).update();
    }
  }

  /** Offers Microsoft no longer lists are removed from what we sell. */
  public int deleteNotRefreshedSince(Instant since) {
    return jdbc.sql("DELETE FROM catalog_offer WHERE refreshed_at < :since").param("since", Timestamp.from(since))
        .update();
  }

  public Optional<CatalogOffer> find(String catalogItemId) {
    return jdbc.sql("SELECT * FROM catalog_offer WHERE catalog_item_id = :id").param("id", catalogItemId)
        .query(CatalogRepository::map).optional();
  }

  public List<CatalogOffer> all() {
    return jdbc.sql("SELECT * FROM catalog_offer ORDER BY category, product_group, product, catalog_item_id")
        .query(CatalogRepository::map).list();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM catalog_offer").query(Long.class).single();
  }

  private static Map<String, Object> parameters(CatalogOffer offer, Instant now) {
    return Map.ofEntries(
        Map.entry("id", offer.catalogItemId()),
        Map.entry("category", offer.category()),
        Map.entry("group", offer.productGroup()),
        Map.entry("product", offer.productName()),
        Map.entry("min", offer.minimumQuantity()),
        Map.entry("max", offer.maximumQuantity()),
        Map.entry("terms", String.join(" ", offer.termDurations())),
        Map.entry("cycles", String.join(" ", offer.billingCycles())),
        Map.entry("price", offer.unitPrice()),
        Map.entry("currency", offer.currency()),
        Map.entry("termPrices", offer.termUnitPrices().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue().toPlainString()).collect(Collectors.joining(" "))),
        Map.entry("now", Timestamp.from(now)));
  }

  private static CatalogOffer map(ResultSet rs, int row) throws SQLException {
    return new CatalogOffer(
        rs.getString("catalog_item_id"),
        rs.getString("category"),
        rs.getString("product_group"),
        rs.getString("product"),
        rs.getInt("minimum_quantity"),
        rs.getInt("maximum_quantity"),
        Arrays.asList(rs.getString("terms").split(" ")),
        Arrays.asList(rs.getString("billing_cycles").split(" ")),
        rs.getBigDecimal("unit_price"),
        rs.getString("currency").trim(),
        termUnitPrices(rs.getString("term_unit_prices")));
  }

  private static Map<String, BigDecimal> termUnitPrices(String stored) {
    if (stored == null || stored.isBlank()) {
      return Map.of();
    }
    return Arrays.stream(stored.trim().split(" ")).map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> new BigDecimal(pair[1])));
  }
}
