package com.cspflow.subscriptions;

import com.cspflow.csp.CspSubscription;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our record of every customer subscription: sold by us, or imported when a customer migrated to us. */
@Repository
public class SubscriptionRepository {

  public enum Origin { ORDERED, MIGRATED }

  private final JdbcClient jdbc;

  public SubscriptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts or refreshes one subscription as Microsoft reports it; {@code orderId} is our order that created
   * it (null for one imported on migration).
   */
  public void save(String organizationId, CspSubscription s, Origin origin, String orderId, Instant now) {
    int updated = jdbc.sql("""
        UPDATE subscription SET quantity = :quantity, status = :status, offer_name = :offerName,
          commitment_end_date = :end, updated_at = :now WHERE id = :id""")
        .param("quantity", s.quantity()).param("status", s.status().name()).param("offerName", s.offerName())
        .param("end", timestamp(s.commitmentEndDate())).param("now", Timestamp.from(now)).param("id", s.id())
        .update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO subscription (id, organization_id, catalog_item_id, offer_name, quantity, status,
            term_duration, billing_cycle, start_date, commitment_end_date, origin, order_id, updated_at)
          VALUES (:id, :organizationId, :catalogItemId, :offerName, :quantity, :status, :term, :billingCycle,
            :start, :end, :origin, :orderId, :now)""")
          .param("id", s.id()).param("organizationId", organizationId).param("catalogItemId", s.catalogItemId())
          .param("offerName", s.offerName()).param("quantity", s.quantity()).param("status", s.status().name())
          .param("term", s.termDuration()).param("billingCycle", s.billingCycle())
          .param("start", timestamp(s.effectiveStartDate())).param("end", timestamp(s.commitmentEndDate()))
          .param("origin", origin.name()).param("orderId", orderId).param("now", Timestamp.from(now))
          .update();
    }
  }


  public Optional<Subscription> find(String id) {
    return jdbc.sql("SELECT * FROM subscription WHERE id = :id").param("id", id)
        .query((rs, row) -> new Subscription(rs.getString("id"), rs.getString("organization_id"),
            rs.getString("catalog_item_id"), rs.getString("offer_name"), rs.getInt("quantity"), rs.getString("status"),
            rs.getString("term_duration"), rs.getString("billing_cycle"), instant(rs.getTimestamp("start_date")),
            instant(rs.getTimestamp("commitment_end_date")), rs.getString("order_id")))
        .optional();
  }

  public void updateQuantity(String id, int quantity, Instant now) {
    jdbc.sql("UPDATE subscription SET quantity = :quantity, updated_at = :now WHERE id = :id")
        .param("quantity", quantity).param("now", Timestamp.from(now)).param("id", id).update();
  }


  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
