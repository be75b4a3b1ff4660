package com.cspflow.quantitychange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class QuantityChangeRepository {

  private final JdbcClient jdbc;

  public QuantityChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(QuantityChange c) {
    jdbc.sql("""
        INSERT INTO quantity_change (id, subscription_id, organization_id, previous_quantity, requested_quantity,
          status, requested_by, created_at, updated_at)
        VALUES (:id, :subscriptionId, :organizationId, :previous, :requested, :status, :requestedBy, :now, :now)""")
        .param("id", c.id()).param("subscriptionId", c.subscriptionId()).param("organizationId", c.organizationId())
        .param("previous", c.previousQuantity()).param("requested", c.requestedQuantity())
        .param("status", c.status().name()).param("requestedBy", c.requestedBy())
        .param("now", Timestamp.from(c.createdAt()))
        .update();
  }

  public Optional<QuantityChange> find(String id) {
    return jdbc.sql("SELECT * FROM quantity_change WHERE id = :id").param("id", id)
        .query(QuantityChangeRepository::map).optional();
  }

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
          updated_at = :now WHERE id = :id""")
        .param("reason", reason).param("from", schedulableFrom == null ? null : Timestamp.from(schedulableFrom))
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  private static QuantityChange map(ResultSet rs, int row) throws SQLException {
    Timestamp from = rs.getTimestamp("schedulable_from");
    return new QuantityChange(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("organization_id"),
        rs.getInt("previous_quantity"),
        rs.getInt("requested_quantity"),
        QuantityChange.Status.valueOf(rs.getString("status")),
        rs.getString("refusal_reason"),
        from == null ? null : from.toInstant(),
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
