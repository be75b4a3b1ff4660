package com.cspflow.subscriptions;

import com.cspflow.platform.TextColumns;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.NextTermInstructions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our record of every customer subscription: sold by us, or imported when a customer migrated to us. */
@Repository
public class SubscriptionRepository {

  /** ORDERED through cspflow, MIGRATED with the customer, DISCOVERED at Microsoft by the monthly update. */
  public enum Origin { ORDERED, MIGRATED, DISCOVERED }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  public SubscriptionRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Inserts or refreshes one subscription as Microsoft reports it, renewal facts included; {@code orderId} is our
   * order that created it (null for one imported on migration).
   */
  public void save(String organizationId, CspSubscription s, Origin origin, String orderId, Instant now) {
    // One statement for a new subscription (what an order, a migration and a discovery save), two for one we have
    // (the insert finds it and adds nothing): the renewal facts go with the rest, not in a third.
    MapSqlParameterSource row = renewalFacts(s, now)
        .addValue("organizationId", organizationId)
        .addValue("catalogItemId", s.catalogItemId()).addValue("offerName", s.offerName(), Types.VARCHAR)
        .addValue("quantity", s.quantity()).addValue("status", s.status().name())
        .addValue("term", s.termDuration(), Types.VARCHAR).addValue("billingCycle", s.billingCycle(), Types.VARCHAR)
        .addValue("start", timestamp(s.effectiveStartDate()), Types.TIMESTAMP)
        .addValue("origin", origin.name()).addValue("orderId", orderId, Types.VARCHAR);
    int inserted = batch.update("""
        INSERT INTO subscription (id, organization_id, catalog_item_id, offer_name, quantity, status,
          term_duration, billing_cycle, start_date, commitment_end_date, auto_renew, cancellation_allowed_until,
          next_term_catalog_item_id, next_term_quantity, next_term_duration, next_term_billing_cycle, origin,
          order_id, purchased_at, updated_at)
        SELECT :id, :organizationId, :catalogItemId, :offerName, :quantity, :status, :term, :billingCycle,
          :start, :end, :autoRenew, :cancellableUntil, :nextCatalogItemId, :nextQuantity, :nextTerm,
          :nextBilling, :origin, :orderId, :purchased, :now
        FROM (VALUES (1)) AS one (x)
        WHERE NOT EXISTS (SELECT 1 FROM subscription WHERE id = :id)""", row);
    if (inserted == 0) {
      batch.update("""
          UPDATE subscription SET quantity = :quantity, status = :status, offer_name = :offerName,
            commitment_end_date = :end, auto_renew = :autoRenew, cancellation_allowed_until = :cancellableUntil,
            next_term_catalog_item_id = :nextCatalogItemId, next_term_quantity = :nextQuantity,
            next_term_duration = :nextTerm, next_term_billing_cycle = :nextBilling,
            purchased_at = COALESCE(purchased_at, :purchased), updated_at = :now
          WHERE id = :id""", row);
    }
  }

  /**
   * Keeps what Microsoft reports about the renewal of subscriptions we have (others are skipped): the commitment end
   * date (a renewal moves it), auto-renew, the cancellation window and the scheduled change, and its creation date
   * where we had none, in one batch. What a renewal changed besides (product, term, seats) only
   * {@link #followRenewals} takes over, after recognising it.
   */
  public void updateRenewalFacts(List<CspSubscription> atMicrosoft, Instant now) {
    if (atMicrosoft.isEmpty()) {
      return;
    }
    batch.batchUpdate("""
        UPDATE subscription SET commitment_end_date = :end, auto_renew = :autoRenew,
          cancellation_allowed_until = :cancellableUntil, next_term_catalog_item_id = :nextCatalogItemId,
          next_term_quantity = :nextQuantity, next_term_duration = :nextTerm, next_term_billing_cycle = :nextBilling,
          purchased_at = COALESCE(purchased_at, :purchased), updated_at = :now
        WHERE id = :id""", atMicrosoft.stream().map(s -> renewalFacts(s, now)).toArray(MapSqlParameterSource[]::new));
  }

  /**
   * The subscription's id, term end, renewal facts, creation date and {@code now}: the parameters both writes of them
   * share.
   */
  private static MapSqlParameterSource renewalFacts(CspSubscription s, Instant now) {
    NextTermInstructions next = s.scheduledNextTerm();
    return new MapSqlParameterSource()
        .addValue("id", s.id())
        .addValue("end", timestamp(s.commitmentEndDate()), Types.TIMESTAMP)
        .addValue("autoRenew", s.autoRenewEnabled(), Types.BOOLEAN)
        .addValue("cancellableUntil", timestamp(s.cancellationAllowedUntil()), Types.TIMESTAMP)
        .addValue("nextCatalogItemId", next == null ? null : next.catalogItemId(), Types.VARCHAR)
        .addValue("nextQuantity", next == null ? null : next.quantity(), Types.INTEGER)
        .addValue("nextTerm", next == null ? null : next.termDuration(), Types.VARCHAR)
        .addValue("nextBilling", next == null ? null : next.billingCycle(), Types.VARCHAR)
        .addValue("purchased", timestamp(s.creationDate()), Types.TIMESTAMP)
        .addValue("now", Timestamp.from(now));
  }

  /**
   * Our records follow a renewal or an expiry ({@link RenewalFollowing}): the product, seats, term, billing cycle,
   * status and term dates as Microsoft now lists them, the new term's start where Microsoft gives one, the scheduled
   * change as it now stands (none, after a renewal), in one batch; each is logged with the check that found it
   * ({@code reportedInPeriod}: the billing period whose drift report lists it, null for the daily check, whose
   * finds the next monthly update lists).
   */
  public void followRenewals(List<RenewalFollowing.Followed> followed, RenewalFollowing.FoundBy foundBy,
      String reportedInPeriod, Instant now) {
    if (followed.isEmpty()) {
      return;
    }
    // Once per subscription and ended term: two checks following the same renewal at once collide on the key, and
    // the loser's retry finds our record already following.
    batch.batchUpdate("""
        INSERT INTO followed_renewal (subscription_id, term_ended_at, organization_id, kind, found_by, found_at,
          our_quantity, csp_quantity, our_status, csp_status, detail, reported_in_period)
        VALUES (:id, :termEnded, :organizationId, :kind, :foundBy, :now, :ourQuantity, :cspQuantity, :ourStatus,
          :cspStatus, :detail, :period)""",
        followed.stream().map(f -> new MapSqlParameterSource()
            .addValue("id", f.now().id())
            .addValue("termEnded", Timestamp.from(f.termEnded() == null ? now : f.termEnded()))
            .addValue("organizationId", f.was().organizationId()).addValue("kind", f.kind().name())
            .addValue("ourQuantity", f.was().quantity()).addValue("cspQuantity", f.now().quantity())
            .addValue("ourStatus", f.was().status()).addValue("cspStatus", f.now().status().name())
            .addValue("foundBy", foundBy.name()).addValue("now", Timestamp.from(now))
            .addValue("detail", TextColumns.fitted(f.change(), 255)).addValue("period", reportedInPeriod, Types.VARCHAR))
        .toArray(MapSqlParameterSource[]::new));
    batch.batchUpdate("""
        UPDATE subscription SET catalog_item_id = :catalogItemId, offer_name = COALESCE(:offerName, offer_name),
          quantity = :quantity, status = :status, term_duration = :term, billing_cycle = :billingCycle,
          start_date = COALESCE(:start, start_date), updated_at = :now
        WHERE id = :id""", followed.stream().map(f -> new MapSqlParameterSource()
            .addValue("catalogItemId", f.now().catalogItemId()).addValue("offerName", f.now().offerName(), Types.VARCHAR)
            .addValue("quantity", f.now().quantity()).addValue("status", f.now().status().name())
            .addValue("term", f.now().termDuration(), Types.VARCHAR)
            .addValue("billingCycle", f.now().billingCycle(), Types.VARCHAR)
            .addValue("start", timestamp(f.now().effectiveStartDate()), Types.TIMESTAMP)
            .addValue("now", Timestamp.from(now)).addValue("id", f.now().id()))
        .toArray(MapSqlParameterSource[]::new));
    updateRenewalFacts(followed.stream().map(RenewalFollowing.Followed::now).toList(), now);
  }

  /**
   * The renewals and expiries the daily check followed for these organizations that no drift report has listed yet,
   * or that {@code period}'s lists (a rerun of the period lists them again); they are now listed by {@code period}.
   */
  public List<FollowedRenewal> takeDailyCheckFinds(Collection<String> organizationIds, String period) {
    if (organizationIds.isEmpty()) {
      return List.of();
    }
    List<FollowedRenewal> finds = jdbc.sql("""
        SELECT * FROM followed_renewal WHERE organization_id IN (:ids) AND found_by = 'DAILY_CHECK'
          AND (reported_in_period IS NULL OR reported_in_period = :period)
        ORDER BY found_at""")
        .param("ids", organizationIds).param("period", period)
        .query((rs, row) -> new FollowedRenewal(rs.getString("organization_id"), rs.getString("subscription_id"),
            RenewalFollowing.Kind.valueOf(rs.getString("kind")),
            RenewalFollowing.FoundBy.valueOf(rs.getString("found_by")), rs.getTimestamp("found_at").toInstant(),
            rs.getInt("our_quantity"), rs.getInt("csp_quantity"), rs.getString("our_status"),
            rs.getString("csp_status"), rs.getString("detail")))
        .list();
    jdbc.sql("""
        UPDATE followed_renewal SET reported_in_period = :period
        WHERE organization_id IN (:ids) AND found_by = 'DAILY_CHECK' AND reported_in_period IS NULL""")
        .param("ids", organizationIds).param("period", period).update();
    return finds;
  }

  /** A renewal or expiry our record followed, and which check found it when. */
  public record FollowedRenewal(String organizationId, String subscriptionId, RenewalFollowing.Kind kind,
      RenewalFollowing.FoundBy foundBy, Instant foundAt, int ourQuantity, int cspQuantity, String ourStatus,
      String cspStatus, String detail) {}

  /** A customer of ours at Microsoft: our organization and its tenant. */
  public record TenantOf(String organizationId, String tenantId) {}

  /**
   * The active customers with an active subscription whose commitment end date (as we recorded it) has passed: Microsoft
   * has renewed or ended it, and our record has not followed yet.
   */
  public List<TenantOf> customersWithRenewalsDue(Instant now) {
    return jdbc.sql("""
        SELECT DISTINCT m.organization_id, m.tenant_id FROM subscription s
        JOIN m365_service m ON m.organization_id = s.organization_id
        WHERE s.status = 'ACTIVE' AND s.commitment_end_date <= :now AND m.status = 'ACTIVE' AND m.tenant_id IS NOT NULL
        ORDER BY m.organization_id""")
        .param("now", Timestamp.from(now))
        .query((rs, row) -> new TenantOf(rs.getString("organization_id"), rs.getString("tenant_id"))).list();
  }

  public Optional<Subscription> find(String id) {
    return jdbc.sql("SELECT * FROM subscription WHERE id = :id").param("id", id).query(SubscriptionRepository::map)
        .optional();
  }

  /** The subscriptions of several organizations in one query, by organization. */
  public Map<String, List<Subscription>> ofOrganizations(Collection<String> organizationIds) {
    if (organizationIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("SELECT * FROM subscription WHERE organization_id IN (:ids)").param("ids", organizationIds)
        .query(SubscriptionRepository::map).list().stream()
        .collect(Collectors.groupingBy(Subscription::organizationId));
  }

  /** Sets quantity and status of many subscriptions in one batch. */
  public void updateQuantitiesAndStatuses(List<QuantityAndStatus> updates, Instant now) {
    batch.batchUpdate("UPDATE subscription SET quantity = :quantity, status = :status, updated_at = :now "
        + "WHERE id = :id", updates.stream().map(u -> new MapSqlParameterSource()
            .addValue("quantity", u.quantity()).addValue("status", u.status())
            .addValue("now", Timestamp.from(now)).addValue("id", u.subscriptionId()))
        .toArray(MapSqlParameterSource[]::new));
  }

  public record QuantityAndStatus(String subscriptionId, int quantity, String status) {}

  /** A row of {@code subscription} (all its columns) as a subscription. */
  public static Subscription map(ResultSet rs, int row) throws SQLException {
    String nextCatalogItemId = rs.getString("next_term_catalog_item_id");
    Subscription.NextTerm next = nextCatalogItemId == null ? null : new Subscription.NextTerm(nextCatalogItemId,
        rs.getInt("next_term_quantity"), rs.getString("next_term_duration"), rs.getString("next_term_billing_cycle"));
    boolean renews = rs.getBoolean("auto_renew");
    Boolean autoRenew = rs.wasNull() ? null : renews;
    return new Subscription(rs.getString("id"), rs.getString("organization_id"), rs.getString("catalog_item_id"),
        rs.getString("offer_name"), rs.getInt("quantity"), rs.getString("status"), rs.getString("term_duration"),
        rs.getString("billing_cycle"), instant(rs.getTimestamp("start_date")),
        instant(rs.getTimestamp("commitment_end_date")), rs.getString("order_id"), autoRenew,
        instant(rs.getTimestamp("cancellation_allowed_until")), next, instant(rs.getTimestamp("cancelled_at")),
        instant(rs.getTimestamp("purchased_at")));
  }

  /**
   * The subscription as it is while its row is locked until the transaction ends: two requests about the same
   * subscription (two cancellations at once) take turns.
   */
  public Optional<Subscription> findForUpdate(String id) {
    return jdbc.sql("SELECT * FROM subscription WHERE id = :id FOR UPDATE").param("id", id)
        .query(SubscriptionRepository::map).optional();
  }

  /** Cancelled at Microsoft: its status as Microsoft reports it, and the moment, from which it is no longer billed. */
  public void markCancelled(String id, String status, Instant cancelledAt) {
    jdbc.sql("UPDATE subscription SET status = :status, auto_renew = FALSE, cancelled_at = :at, updated_at = :at "
        + "WHERE id = :id")
        .param("status", status).param("at", Timestamp.from(cancelledAt)).param("id", id).update();
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
