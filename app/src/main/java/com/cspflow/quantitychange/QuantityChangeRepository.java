package com.cspflow.quantitychange;

import com.cspflow.pricing.SeatPrice;
import com.cspflow.subscriptions.Subscription.NextTerm;
import com.cspflow.subscriptions.SubscriptionChangeKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class QuantityChangeRepository implements SubscriptionChangeKind {

  private final JdbcClient jdbc;

  public QuantityChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(QuantityChange c) {
    NextTerm kept = c.keptNextTerm();
    jdbc.sql("""
        INSERT INTO quantity_change (id, subscription_id, organization_id, previous_quantity, requested_quantity,
          status, kept_catalog_item_id, kept_quantity, kept_term_duration, kept_billing_cycle,
          scheduled_change_restored, requested_by, created_at, updated_at, unit_price, cost_unit_price, currency)
        VALUES (:id, :subscriptionId, :organizationId, :previous, :requested, :status, :keptCatalogItemId,
          :keptQuantity, :keptTerm, :keptBilling, :restored, :requestedBy, :now, :now, :unitPrice, :costUnitPrice,
          :currency)""")
        .param("id", c.id()).param("subscriptionId", c.subscriptionId()).param("organizationId", c.organizationId())
        .param("previous", c.previousQuantity()).param("requested", c.requestedQuantity())
        .param("status", c.status().name())
        .param("keptCatalogItemId", kept == null ? null : kept.catalogItemId(), Types.VARCHAR)
        .param("keptQuantity", kept == null ? null : kept.quantity(), Types.INTEGER)
        .param("keptTerm", kept == null ? null : kept.termDuration(), Types.VARCHAR)
        .param("keptBilling", kept == null ? null : kept.billingCycle(), Types.VARCHAR)
        .param("restored", c.scheduledChangeRestored(), Types.BOOLEAN)
        .param("requestedBy", c.requestedBy())
        .param("now", Timestamp.from(c.createdAt()))
        .param("unitPrice", c.price() == null ? null : c.price().unitPrice(), Types.DECIMAL)
        .param("costUnitPrice", c.price() == null ? null : c.price().costUnitPrice(), Types.DECIMAL)
        .param("currency", c.price() == null ? null : c.price().currency(), Types.CHAR)
        .update();
  }

  public Optional<QuantityChange> find(String id) {
    return jdbc.sql("SELECT * FROM quantity_change WHERE id = :id").param("id", id)
        .query(QuantityChangeRepository::map).optional();
  }

  @Override
  public String kindName() {
    return "quantity change";
  }

  @Override
  public boolean inProgressFor(String subscriptionId) {
    return jdbc.sql("SELECT COUNT(*) FROM quantity_change WHERE subscription_id = :id AND status = 'IN_PROGRESS'")
        .param("id", subscriptionId).query(Long.class).single() > 0;
  }

  public void completed(String id, Instant now) {
    jdbc.sql("UPDATE quantity_change SET status = 'COMPLETED', updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void refused(String id, String reason, Instant schedulableFrom, Instant now) {
    jdbc.sql("""
        UPDATE quantity_change SET status = 'REFUSED', refusal_reason = :reason, schedulable_from = :from,
          scheduled_change_restored = NULL, updated_at = :now WHERE id = :id""")
        .param("reason", reason).param("from", schedulableFrom == null ? null : Timestamp.from(schedulableFrom))
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  /** The next term the subscription had is scheduled again at Microsoft. */
  public void scheduledChangeRestored(String id, Instant now) {
    jdbc.sql("UPDATE quantity_change SET scheduled_change_restored = TRUE, updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  private static QuantityChange map(ResultSet rs, int row) throws SQLException {
    Timestamp from = rs.getTimestamp("schedulable_from");
    String keptCatalogItemId = rs.getString("kept_catalog_item_id");
    boolean restored = rs.getBoolean("scheduled_change_restored");
    Boolean restoredOrNull = rs.wasNull() ? null : restored;
    return new QuantityChange(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("organization_id"),
        rs.getInt("previous_quantity"),
        rs.getInt("requested_quantity"),
        QuantityChange.Status.valueOf(rs.getString("status")),
        rs.getString("refusal_reason"),
        from == null ? null : from.toInstant(),
        keptCatalogItemId == null ? null : new NextTerm(keptCatalogItemId, rs.getInt("kept_quantity"),
            rs.getString("kept_term_duration"), rs.getString("kept_billing_cycle")),
        restoredOrNull,
        null,
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        SeatPrice.stored(rs, rs.getInt("requested_quantity")));
  }
}
