package com.cspflow.activation;

import com.cspflow.csp.GdapRelationship;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table customer_relationship: a migrating customer's reseller and GDAP relationships with the partner. */
@Repository
public class CustomerRelationshipRepository {

  private final JdbcClient jdbc;

  public CustomerRelationshipRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CustomerRelationships> find(String organizationId) {
    return jdbc.sql("SELECT * FROM customer_relationship WHERE organization_id = :id").param("id", organizationId)
        .query(CustomerRelationshipRepository::map).optional();
  }

  /** The tenant the customer's domain belongs to; a migration requested again starts afresh. */
  public void recordTenant(String organizationId, String tenantId) {
    jdbc.sql("DELETE FROM customer_relationship WHERE organization_id = :id").param("id", organizationId).update();
    jdbc.sql("""
        INSERT INTO customer_relationship (organization_id, customer_tenant_id, gdap_requests)
        VALUES (:id, :tenant, 0)""").param("id", organizationId).param("tenant", tenantId).update();
  }

  /** The invitation went out with this GDAP relationship, a new one or the one still waiting for approval. */
  public void recordInvitation(String organizationId, String resellerLink, GdapRelationship gdap, String displayName,
      int requests, Instant at) {
    jdbc.sql("""
        UPDATE customer_relationship SET reseller_invited_at = :at, reseller_invitation_link = :link,
          gdap_relationship_id = :gdap, gdap_display_name = :name, gdap_status = :status, gdap_approval_url = :url,
          gdap_requests = :requests
        WHERE organization_id = :id""")
        .param("at", Timestamp.from(at)).param("link", resellerLink).param("gdap", gdap.id())
        .param("name", displayName).param("status", gdap.status().name()).param("url", gdap.approvalUrl())
        .param("requests", requests).param("id", organizationId).update();
  }

  /** The invitation last recorded, with both links it carries; empty before the first. */
  public Optional<Invitation> invitation(String organizationId) {
    return jdbc.sql("""
        SELECT reseller_invited_at, reseller_invitation_link, gdap_approval_url FROM customer_relationship
        WHERE organization_id = :id AND reseller_invited_at IS NOT NULL""")
        .param("id", organizationId)
        .query((rs, row) -> new Invitation(instant(rs, "reseller_invited_at"), rs.getString("reseller_invitation_link"),
            rs.getString("gdap_approval_url")))
        .optional();
  }

  /** An invitation to a migrating customer: when it was recorded, and the two links the customer follows. */
  public record Invitation(Instant invitedAt, String resellerLink, String gdapApprovalUrl) {}

  public void recordCheck(String organizationId, boolean resellerAccepted, GdapRelationship.Status gdapStatus,
      boolean rolesAssigned, Instant at) {
    jdbc.sql("""
        UPDATE customer_relationship SET checked_at = :at, gdap_status = :status,
          reseller_accepted_at = CASE WHEN :accepted AND reseller_accepted_at IS NULL THEN :at
            ELSE reseller_accepted_at END,
          gdap_approved_at = CASE WHEN :active AND gdap_approved_at IS NULL THEN :at ELSE gdap_approved_at END,
          gdap_roles_assigned_at = CASE WHEN :assigned AND gdap_roles_assigned_at IS NULL THEN :at
            ELSE gdap_roles_assigned_at END
        WHERE organization_id = :id""")
        .param("at", Timestamp.from(at)).param("status", gdapStatus.name()).param("accepted", resellerAccepted)
        .param("active", gdapStatus == GdapRelationship.Status.ACTIVE).param("assigned", rolesAssigned)
        .param("id", organizationId).update();
  }

  private static CustomerRelationships map(ResultSet rs, int row) throws SQLException {
    Instant invited = instant(rs, "reseller_invited_at");
    Instant accepted = instant(rs, "reseller_accepted_at");
    return new CustomerRelationships(rs.getString("customer_tenant_id"),
        accepted != null ? "ACCEPTED" : invited != null ? "INVITED" : "NOT_INVITED", invited, accepted,
        rs.getString("gdap_relationship_id"),
        rs.getString("gdap_display_name"), rs.getString("gdap_status"), rs.getString("gdap_approval_url"),
        instant(rs, "gdap_approved_at"), instant(rs, "gdap_roles_assigned_at"), instant(rs, "checked_at"),
        rs.getInt("gdap_requests"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
