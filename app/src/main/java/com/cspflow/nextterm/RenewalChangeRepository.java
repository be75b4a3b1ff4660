package com.cspflow.nextterm;

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
public class RenewalChangeRepository implements SubscriptionChangeKind {

  private final JdbcClient jdbc;

  public RenewalChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(RenewalChange c) {
    NextTerm next = c.nextTerm();
    jdbc.sql("""
        INSERT INTO renewal_change (id, subscription_id, organization_id, auto_renew, next_term_catalog_item_id,
          next_term_quantity, next_term_duration, next_term_billing_cycle, status, requested_by, created_at,
          updated_at)
        VALUES (:id, :subscriptionId, :organizationId, :autoRenew, :catalogItemId, :quantity, :term, :billing,
          :status, :requestedBy, :now, :now)""")
        .param("id", c.id()).param("subscriptionId", c.subscriptionId()).param("organizationId", c.organizationId())
        .param("autoRenew", c.autoRenew(), Types.BOOLEAN)
        .param("catalogItemId", next == null ? null : next.catalogItemId(), Types.VARCHAR)
        .param("quantity", next == null ? null : next.quantity(), Types.INTEGER)
        .param("term", next == null ? null : next.termDuration(), Types.VARCHAR)
        .param("billing", next == null ? null : next.billingCycle(), Types.VARCHAR)
        .param("status", c.status().name()).param("requestedBy", c.requestedBy())
        .param("now", Timestamp.from(c.createdAt()))
        .update();
  }

  public Optional<RenewalChange> find(String id) {
    return jdbc.sql("SELECT * FROM renewal_change WHERE id = :id").param("id", id)
        .query(RenewalChangeRepository::map).optional();
  }

  @Override
  public String kindName() {
    return "renewal change";
  }

  @Override
  public boolean inProgressFor(String subscriptionId) {
    return jdbc.sql("SELECT COUNT(*) FROM renewal_change WHERE subscription_id = :id AND status = 'IN_PROGRESS'")
        .param("id", subscriptionId).query(Long.class).single() > 0;
  }

  public void completed(String id, Instant now) {
    jdbc.sql("UPDATE renewal_change SET status = 'COMPLETED', updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void refused(String id, String reason, Instant now) {
    jdbc.sql("UPDATE renewal_change SET status = 'REFUSED', refusal_reason = :reason, updated_at = :now WHERE id = :id")
        .param("reason", reason.length() <= 1024 ? reason : reason.substring(0, 1024))
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  private static RenewalChange map(ResultSet rs, int row) throws SQLException {
    String catalogItemId = rs.getString("next_term_catalog_item_id");
    boolean autoRenew = rs.getBoolean("auto_renew");
    Boolean autoRenewOrNull = rs.wasNull() ? null : autoRenew;
    return new RenewalChange(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("organization_id"),
        autoRenewOrNull,
        catalogItemId == null ? null : new NextTerm(catalogItemId, rs.getInt("next_term_quantity"),
            rs.getString("next_term_duration"), rs.getString("next_term_billing_cycle")),
        RenewalChange.Status.valueOf(rs.getString("status")),
        rs.getString("refusal_reason"),
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
