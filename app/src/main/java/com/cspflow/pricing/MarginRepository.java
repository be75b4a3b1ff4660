package com.cspflow.pricing;

import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Partners' margins and every change of one (who, when, old and new). */
@Repository
public class MarginRepository {

  private final JdbcClient jdbc;

  public MarginRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Margin> ofPartner(String partnerId) {
    return jdbc.sql("SELECT * FROM partner_margin WHERE partner_id = :partnerId ORDER BY applies_to, target")
        .param("partnerId", partnerId).query(MarginRepository::map).list();
  }

  /**
   * The partner of a customer organization and that partner's margins, in one read (a customer's charge needs both);
   * empty for an unknown organization.
   */
  public Optional<CustomersPartner> ofCustomer(String organizationId) {
    List<PartnerMargin> rows = jdbc.sql("""
        SELECT o.partner_id AS customers_partner_id, m.* FROM organization o
          LEFT JOIN partner_margin m ON m.partner_id = o.partner_id WHERE o.id = :organizationId""")
        .param("organizationId", organizationId)
        .query((rs, row) -> new PartnerMargin(rs.getString("customers_partner_id"),
            rs.getString("applies_to") == null ? null : map(rs, row)))
        .list();
    return rows.isEmpty() ? Optional.empty() : Optional.of(new CustomersPartner(rows.get(0).partnerId(),
        rows.stream().map(PartnerMargin::margin).filter(Objects::nonNull).toList()));
  }

  /** A customer organization's partner and the partner's margins. */
  public record CustomersPartner(String partnerId, List<Margin> margins) {}

  /** The margins of these partners, by partner. */
  public List<PartnerMargin> ofPartners(Collection<String> partnerIds) {
    if (partnerIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT * FROM partner_margin WHERE partner_id IN (:partnerIds)")
        .param("partnerIds", partnerIds)
        .query((rs, row) -> new PartnerMargin(rs.getString("partner_id"), map(rs, row))).list();
  }

  /**
   * Sets a margin and records the change, in one transaction; the row of the margin it replaces is locked first,
   * so that two changes at the same moment are recorded one after the other with the right old value.
   */
  @Transactional
  public Margin set(String partnerId, Margin margin) {
    Optional<Margin> old = jdbc.sql("""
        SELECT * FROM partner_margin WHERE partner_id = :partnerId AND applies_to = :appliesTo AND target = :target
        FOR UPDATE""")
        .param("partnerId", partnerId).param("appliesTo", margin.appliesTo().name()).param("target", margin.target())
        .query(MarginRepository::map).optional();
    if (old.isPresent()) {
      jdbc.sql("""
          UPDATE partner_margin SET kind = :kind, margin_value = :value, currency = :currency, set_by = :setBy,
            set_at = :setAt
          WHERE partner_id = :partnerId AND applies_to = :appliesTo AND target = :target""")
          .params(columns(partnerId, margin)).update();
    } else {
      jdbc.sql("""
          INSERT INTO partner_margin (partner_id, applies_to, target, kind, margin_value, currency, set_by, set_at)
          VALUES (:partnerId, :appliesTo, :target, :kind, :value, :currency, :setBy, :setAt)""")
          .params(columns(partnerId, margin)).update();
    }
    jdbc.sql("""
        INSERT INTO partner_margin_change (id, partner_id, applies_to, target, old_kind, old_value, old_currency,
          new_kind, new_value, new_currency, changed_by, changed_at)
        VALUES (:id, :partnerId, :appliesTo, :target, :oldKind, :oldValue, :oldCurrency, :kind, :value, :currency,
          :setBy, :setAt)""")
        .params(columns(partnerId, margin))
        .param("id", UUID.randomUUID().toString())
        .param("oldKind", old.map(m -> m.kind().name()).orElse(null))
        .param("oldValue", old.map(Margin::value).orElse(null))
        .param("oldCurrency", old.map(Margin::currency).orElse(null))
        .update();
    return margin;
  }

  /** Every change of the partner's margins, newest first. */
  public List<MarginChange> changesOf(String partnerId) {
    return jdbc.sql("SELECT * FROM partner_margin_change WHERE partner_id = :partnerId ORDER BY changed_at DESC, id")
        .param("partnerId", partnerId)
        .query((rs, row) -> new MarginChange(AppliesTo.valueOf(rs.getString("applies_to")), rs.getString("target"),
            kind(rs.getString("old_kind")), rs.getBigDecimal("old_value"), trimmed(rs.getString("old_currency")),
            Kind.valueOf(rs.getString("new_kind")), rs.getBigDecimal("new_value"),
            trimmed(rs.getString("new_currency")), rs.getString("changed_by"),
            rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  private static Map<String, Object> columns(String partnerId, Margin margin) {
    Map<String, Object> columns = new HashMap<>();
    columns.put("partnerId", partnerId);
    columns.put("appliesTo", margin.appliesTo().name());
    columns.put("target", margin.target());
    columns.put("kind", margin.kind().name());
    columns.put("value", margin.value());
    columns.put("currency", margin.currency());
    columns.put("setBy", margin.setBy());
    columns.put("setAt", Timestamp.from(margin.setAt()));
    return columns;
  }

  private static Margin map(ResultSet rs, int row) throws SQLException {
    return new Margin(AppliesTo.valueOf(rs.getString("applies_to")), rs.getString("target"),
        Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("margin_value"), trimmed(rs.getString("currency")),
        rs.getString("set_by"), rs.getTimestamp("set_at").toInstant());
  }

  private static Kind kind(String stored) {
    return stored == null ? null : Kind.valueOf(stored);
  }

  private static String trimmed(String currency) {
    return currency == null ? null : currency.trim();
  }

  /** One margin of one partner. */
  public record PartnerMargin(String partnerId, Margin margin) {}

  /** One change of a margin: the old one is empty for a partner's first margin of that kind. */
  public record MarginChange(AppliesTo appliesTo, String target, Kind oldKind, BigDecimal oldValue,
      String oldCurrency, Kind newKind, BigDecimal newValue, String newCurrency, String changedBy,
      Instant changedAt) {}
}
