package com.cspflow.activation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ServiceRepository {

  private final JdbcClient jdbc;

  public ServiceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<M365Service> find(String organizationId) {
    return jdbc.sql("SELECT * FROM m365_service WHERE organization_id = :id").param("id", organizationId)
        .query(ServiceRepository::map).optional();
  }

  /** A new request; a cancelled earlier one is replaced. */
  public void saveRequested(String organizationId, M365Service.Mode mode, String domain, Instant now) {
    jdbc.sql("DELETE FROM m365_service WHERE organization_id = :id AND status = 'CANCELLED'")
        .param("id", organizationId).update();
    jdbc.sql("""
        INSERT INTO m365_service (organization_id, mode, status, domain, requested_at)
        VALUES (:id, :mode, 'REQUESTED', :domain, :now)""")
        .param("id", organizationId).param("mode", mode.name()).param("domain", domain)
        .param("now", Timestamp.from(now)).update();
  }

  public void recordAgreement(String organizationId, String confirmedBy, String contactEmail, Instant at) {
    update("""
        UPDATE m365_service SET agreement_confirmed_by = :by, agreement_contact_email = :email,
          agreement_confirmed_at = :at WHERE organization_id = :id""",
        organizationId, "by", confirmedBy, "email", contactEmail, "at", Timestamp.from(at));
  }

  public void changeDomain(String organizationId, String domain) {
    update("UPDATE m365_service SET domain = :domain WHERE organization_id = :id", organizationId, "domain", domain);
  }

  /** Why a requested service waits (the partner reads it on the organization); null: it no longer waits for that. */
  public void waitsBecause(String organizationId, String reason) {
    update("UPDATE m365_service SET status_reason = :reason WHERE organization_id = :id", organizationId,
        "reason", reason);
  }

  public void recordTenant(String organizationId, String tenantId, String adminUserName) {
    update("UPDATE m365_service SET tenant_id = :tenant, admin_user_name = :admin WHERE organization_id = :id",
        organizationId, "tenant", tenantId, "admin", adminUserName);
  }

  public void activate(String organizationId, Instant now) {
    update("UPDATE m365_service SET status = 'ACTIVE', status_reason = NULL, activated_at = :now"
        + " WHERE organization_id = :id", organizationId, "now", Timestamp.from(now));
  }

  public void cancel(String organizationId, String reason) {
    update("UPDATE m365_service SET status = 'CANCELLED', status_reason = :reason WHERE organization_id = :id",
        organizationId, "reason", reason);
  }

  private void update(String sql, String organizationId, Object... namesAndValues) {
    var statement = jdbc.sql(sql).param("id", organizationId);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      statement = statement.param((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    if (statement.update() != 1) {
      throw new IllegalStateException("No Microsoft 365 service for organization " + organizationId);
    }
  }

  private static M365Service map(ResultSet rs, int row) throws SQLException {
    return new M365Service(
        rs.getString("organization_id"),
        M365Service.Mode.valueOf(rs.getString("mode")),
        M365Service.Status.valueOf(rs.getString("status")),
        rs.getString("domain"),
        rs.getString("tenant_id"),
        rs.getString("admin_user_name"),
        rs.getString("agreement_confirmed_by"),
        instant(rs.getTimestamp("agreement_confirmed_at")),
        rs.getString("status_reason"),
        instant(rs.getTimestamp("requested_at")),
        instant(rs.getTimestamp("activated_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
