package com.cspflow.cancellation;

import com.cspflow.subscriptions.SubscriptionChangeKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionCancellationRepository implements SubscriptionChangeKind {

  private final JdbcClient jdbc;

  public SubscriptionCancellationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(SubscriptionCancellation c) {
    jdbc.sql("""
        INSERT INTO subscription_cancellation (id, subscription_id, organization_id, status, requested_by, created_at,
          updated_at)
        VALUES (:id, :subscriptionId, :organizationId, :status, :requestedBy, :now, :now)""")
        .param("id", c.id()).param("subscriptionId", c.subscriptionId()).param("organizationId", c.organizationId())
        .param("status", c.status().name()).param("requestedBy", c.requestedBy())
        .param("now", Timestamp.from(c.createdAt()))
        .update();
  }

  public Optional<SubscriptionCancellation> find(String id) {
    return jdbc.sql("SELECT * FROM subscription_cancellation WHERE id = :id").param("id", id)
        .query(SubscriptionCancellationRepository::map).optional();
  }

  /**
   * The cancellation as it is while its row is locked until the transaction ends: two decisions on the same
   * cancellation take turns.
   */
  public Optional<SubscriptionCancellation> findForUpdate(String id) {
    return jdbc.sql("SELECT * FROM subscription_cancellation WHERE id = :id FOR UPDATE").param("id", id)
        .query(SubscriptionCancellationRepository::map).optional();
  }

  /** Whether a cancellation of the subscription is running, or refused and waiting for its decision. */
  @Override
  public String kindName() {
    return "cancellation";
  }

  /** A cancellation runs until Microsoft cancelled it, or until the partner decided on Microsoft's refusal. */
  @Override
  public boolean inProgressFor(String subscriptionId) {
    return jdbc.sql("""
        SELECT COUNT(*) FROM subscription_cancellation WHERE subscription_id = :id
          AND (status = 'IN_PROGRESS' OR (status = 'REFUSED' AND renewal_decision IS NULL))""")
        .param("id", subscriptionId).query(Long.class).single() > 0;
  }

  public void cancelled(String id, Instant now) {
    jdbc.sql("UPDATE subscription_cancellation SET status = 'CANCELLED', updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void refused(String id, String reason, Instant canEndAt, Instant now) {
    jdbc.sql("""
        UPDATE subscription_cancellation SET status = 'REFUSED', refusal_reason = :reason, can_end_at = :canEndAt,
          updated_at = :now WHERE id = :id""")
        .param("reason", reason).param("canEndAt", canEndAt == null ? null : Timestamp.from(canEndAt))
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void endsAtRenewal(String id, Instant now) {
    jdbc.sql("""
        UPDATE subscription_cancellation SET status = 'ENDS_AT_RENEWAL', renewal_decision = 'END_AT_RENEWAL',
          updated_at = :now WHERE id = :id""")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void kept(String id, Instant now) {
    jdbc.sql("UPDATE subscription_cancellation SET renewal_decision = 'KEEP', updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  private static SubscriptionCancellation map(ResultSet rs, int row) throws SQLException {
    Timestamp canEndAt = rs.getTimestamp("can_end_at");
    String decision = rs.getString("renewal_decision");
    return new SubscriptionCancellation(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("organization_id"),
        SubscriptionCancellation.Status.valueOf(rs.getString("status")),
        rs.getString("refusal_reason"),
        canEndAt == null ? null : canEndAt.toInstant(),
        decision == null ? null : SubscriptionCancellation.RenewalDecision.valueOf(decision),
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
