package com.cspflow.ordering;

import com.cspflow.activation.M365Service;
import com.cspflow.pricing.SeatPrice;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {

  private final JdbcClient jdbc;

  public OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(SubscriptionOrder o) {
    jdbc.sql("""
        INSERT INTO subscription_order (id, organization_id, catalog_item_id, product, quantity, term_duration,
          billing_cycle, status, attempt, requested_by, created_at, updated_at, unit_price, cost_unit_price, currency)
        VALUES (:id, :organizationId, :catalogItemId, :product, :quantity, :term, :billingCycle, :status, :attempt,
          :requestedBy, :createdAt, :updatedAt, :unitPrice, :costUnitPrice, :currency)""")
        .param("id", o.id()).param("organizationId", o.organizationId()).param("catalogItemId", o.catalogItemId())
        .param("product", o.product()).param("quantity", o.quantity()).param("term", o.termDuration())
        .param("billingCycle", o.billingCycle()).param("status", o.status().name()).param("attempt", o.attempt())
        .param("requestedBy", o.requestedBy()).param("createdAt", Timestamp.from(o.createdAt()))
        .param("updatedAt", Timestamp.from(o.updatedAt()))
        .param("unitPrice", o.price() == null ? null : o.price().unitPrice(), java.sql.Types.DECIMAL)
        .param("costUnitPrice", o.price() == null ? null : o.price().costUnitPrice(), java.sql.Types.DECIMAL)
        .param("currency", o.price() == null ? null : o.price().currency(), java.sql.Types.CHAR)
        .update();
  }

  public Optional<SubscriptionOrder> find(String id) {
    return jdbc.sql("SELECT * FROM subscription_order WHERE id = :id").param("id", id)
        .query(OrderRepository::map).optional();
  }

  /** The order with its customer's tenant at Microsoft, in one read: what placing or checking it takes. */
  public Optional<AtMicrosoft> findWithTenant(String id) {
    return jdbc.sql("""
        SELECT o.*, s.tenant_id FROM subscription_order o JOIN m365_service s ON s.organization_id = o.organization_id
        WHERE o.id = :id""").param("id", id)
        .query((rs, row) -> new AtMicrosoft(map(rs, row), rs.getString("tenant_id"))).optional();
  }

  /**
   * A customer organization as ordering needs it, in one read: its partner, its name and its Microsoft 365 service's status and
   * agreement (both null without a service); empty for an unknown organization.
   */
  public Optional<Customer> customer(String organizationId) {
    return jdbc.sql("""
        SELECT o.id, o.partner_id, o.name, s.status AS service_status, s.agreement_confirmed_at FROM organization o
          LEFT JOIN m365_service s ON s.organization_id = o.id WHERE o.id = :id""").param("id", organizationId)
        .query((rs, row) -> new Customer(rs.getString("id"), rs.getString("partner_id"), rs.getString("name"),
            rs.getString("service_status") == null ? null : M365Service.Status.valueOf(rs.getString("service_status")),
            rs.getTimestamp("agreement_confirmed_at") == null ? null
                : rs.getTimestamp("agreement_confirmed_at").toInstant()))
        .optional();
  }

  /** A customer organization, its partner, its name and its Microsoft 365 service's status and agreement date (or nulls). */
  public record Customer(String organizationId, String partnerId, String name, M365Service.Status serviceStatus,
      Instant agreementConfirmedAt) {}

  /** An order and the tenant it is placed in. */
  public record AtMicrosoft(SubscriptionOrder order, String tenantId) {}

  /** The order with its customer's name and its partner's contact, in one read: what the partner's mail takes. */
  public Optional<ToTell> findWithPartnerContact(String id) {
    return jdbc.sql("""
        SELECT o.*, c.name AS customer_name, p.contact_name, p.contact_email FROM subscription_order o
          JOIN organization c ON c.id = o.organization_id LEFT JOIN partner p ON p.id = c.partner_id
        WHERE o.id = :id""").param("id", id)
        .query((rs, row) -> new ToTell(map(rs, row), rs.getString("customer_name"), rs.getString("contact_name"),
            rs.getString("contact_email"))).optional();
  }

  /** An order, the customer it is for, and the partner contact to tell (null when the partner is unknown). */
  public record ToTell(SubscriptionOrder order, String customerName, String contactName, String contactEmail) {}

  public List<SubscriptionOrder> ofOrganization(String organizationId) {
    return jdbc.sql("SELECT * FROM subscription_order WHERE organization_id = :id ORDER BY created_at DESC")
        .param("id", organizationId).query(OrderRepository::map).list();
  }

  /** The partner's orders, newest first, of one status or all; one page of them, or all without paging. */
  public List<SubscriptionOrder> ofPartner(String partnerId, SubscriptionOrder.Status status,
      com.cspflow.platform.api.Paging paging) {
    String sql = "SELECT o.* FROM subscription_order o JOIN organization g ON g.id = o.organization_id "
        + "WHERE g.partner_id = :partnerId" + (status == null ? "" : " AND o.status = :status")
        + " ORDER BY o.created_at DESC, o.id" + (paging == null ? "" : " LIMIT :limit OFFSET :offset");
    var query = jdbc.sql(sql).param("partnerId", partnerId);
    if (status != null) {
      query = query.param("status", status.name());
    }
    if (paging != null) {
      query = query.param("limit", paging.size()).param("offset", paging.offset());
    }
    return query.query(OrderRepository::map).list();
  }

  public long countOfPartner(String partnerId, SubscriptionOrder.Status status) {
    var query = jdbc.sql("SELECT COUNT(*) FROM subscription_order o JOIN organization g ON g.id = o.organization_id "
        + "WHERE g.partner_id = :partnerId" + (status == null ? "" : " AND o.status = :status"))
        .param("partnerId", partnerId);
    if (status != null) {
      query = query.param("status", status.name());
    }
    return query.query(Long.class).single();
  }

  public void placed(String id, String cspOrderId, Instant now) {
    jdbc.sql("UPDATE subscription_order SET csp_order_id = :cspOrderId, updated_at = :now WHERE id = :id")
        .param("cspOrderId", cspOrderId).param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void fulfilled(String id, String subscriptionId, Instant now) {
    jdbc.sql("""
        UPDATE subscription_order SET status = 'FULFILLED', subscription_id = :subscriptionId, failure_reason = NULL,
          fulfilled_at = :now, updated_at = :now WHERE id = :id""")
        .param("subscriptionId", subscriptionId).param("now", Timestamp.from(now)).param("id", id).update();
  }

  /**
   * Failed, as {@link #retry} and {@link #cancelled}, never applies to a Fulfilled order: its subscription and charge
   * are recorded and live at Microsoft, and a retry would order a second one under a new attempt's key.
   */
  public void failed(String id, String reason, Instant now) {
    jdbc.sql("UPDATE subscription_order SET status = 'FAILED', failure_reason = :reason, updated_at = :now"
            + " WHERE id = :id AND status <> 'FULFILLED'")
        .param("reason", reason).param("now", Timestamp.from(now)).param("id", id).update();
  }

  /** The back office retries with corrected input: a new attempt, so a new idempotency key. */
  public void retry(String id, int quantity, String termDuration, SeatPrice price, Instant now) {
    jdbc.sql("""
        UPDATE subscription_order SET status = 'IN_PROGRESS', quantity = :quantity, term_duration = :term,
          attempt = attempt + 1, csp_order_id = NULL, failure_reason = NULL, updated_at = :now,
          unit_price = :unitPrice, cost_unit_price = :costUnitPrice, currency = :currency
        WHERE id = :id AND status <> 'FULFILLED'""")
        .param("quantity", quantity).param("term", termDuration).param("now", Timestamp.from(now)).param("id", id)
        .param("unitPrice", price == null ? null : price.unitPrice(), java.sql.Types.DECIMAL)
        .param("costUnitPrice", price == null ? null : price.costUnitPrice(), java.sql.Types.DECIMAL)
        .param("currency", price == null ? null : price.currency(), java.sql.Types.CHAR)
        .update();
  }

  public void cancelled(String id, Instant now) {
    jdbc.sql("UPDATE subscription_order SET status = 'CANCELLED', updated_at = :now WHERE id = :id"
            + " AND status <> 'FULFILLED'")
        .param("now", Timestamp.from(now)).param("id", id).update();
  }

  private static SubscriptionOrder map(ResultSet rs, int row) throws SQLException {
    Timestamp fulfilled = rs.getTimestamp("fulfilled_at");
    return new SubscriptionOrder(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("catalog_item_id"),
        rs.getString("product"),
        rs.getInt("quantity"),
        rs.getString("term_duration"),
        rs.getString("billing_cycle"),
        SubscriptionOrder.Status.valueOf(rs.getString("status")),
        rs.getInt("attempt"),
        rs.getString("csp_order_id"),
        rs.getString("subscription_id"),
        rs.getString("failure_reason"),
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        fulfilled == null ? null : fulfilled.toInstant(),
        SeatPrice.stored(rs, rs.getInt("quantity")));
  }
}
