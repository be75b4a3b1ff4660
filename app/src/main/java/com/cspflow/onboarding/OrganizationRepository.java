package com.cspflow.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganizationRepository {

  private final JdbcClient jdbc;

  public OrganizationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Organization organization) {
    withDetails(jdbc.sql("""
        INSERT INTO organization (id, partner_id, name, contact_first_name, contact_last_name, contact_email,
          contact_phone, street, postal_code, city, country, details_complete, created_at, updated_at)
        VALUES (:id, :partnerId, :name, :firstName, :lastName, :email, :phone, :street, :postalCode, :city,
          :country, :complete, :createdAt, :updatedAt)"""), organization.details())
        .param("id", organization.id())
        .param("partnerId", organization.partnerId())
        .param("name", organization.name())
        .param("complete", organization.detailsComplete())
        .param("createdAt", Timestamp.from(organization.createdAt()))
        .param("updatedAt", Timestamp.from(organization.updatedAt()))
        .update();
  }

  public void updateDetails(String id, OrganizationDetails details, boolean complete, Instant now) {
    int updated = withDetails(jdbc.sql("""
        UPDATE organization SET contact_first_name = :firstName, contact_last_name = :lastName,
          contact_email = :email, contact_phone = :phone, street = :street, postal_code = :postalCode,
          city = :city, country = :country, details_complete = :complete, updated_at = :now
        WHERE id = :id"""), details)
        .param("complete", complete)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
    if (updated != 1) {
      throw new IllegalStateException("No organization " + id);
    }
  }

  private static JdbcClient.StatementSpec withDetails(JdbcClient.StatementSpec statement, OrganizationDetails d) {
    return statement
        .param("firstName", d.contactFirstName())
        .param("lastName", d.contactLastName())
        .param("email", d.contactEmail())
        .param("phone", d.contactPhone())
        .param("street", d.street())
        .param("postalCode", d.postalCode())
        .param("city", d.city())
        .param("country", d.country());
  }

  public List<Organization> ofPartner(String partnerId) {
    return jdbc.sql("SELECT * FROM organization WHERE partner_id = :partnerId ORDER BY name, id")
        .param("partnerId", partnerId).query(this::map).list();
  }

  /** One page of the partner's organizations, in the order of {@link #ofPartner(String)}. */
  public List<Organization> ofPartner(String partnerId, long offset, int limit) {
    return jdbc.sql("SELECT * FROM organization WHERE partner_id = :partnerId ORDER BY name, id "
            + "LIMIT :limit OFFSET :offset")
        .param("partnerId", partnerId).param("limit", limit).param("offset", offset).query(this::map).list();
  }

  public long countOfPartner(String partnerId) {
    return jdbc.sql("SELECT COUNT(*) FROM organization WHERE partner_id = :partnerId").param("partnerId", partnerId)
        .query(Long.class).single();
  }

  public Optional<Organization> find(String id) {
    return jdbc.sql("SELECT * FROM organization WHERE id = :id").param("id", id).query(this::map).optional();
  }

  private Organization map(ResultSet rs, int row) throws SQLException {
    return new Organization(
        rs.getString("id"),
        rs.getString("partner_id"),
        rs.getString("name"),
        new OrganizationDetails(
            rs.getString("contact_first_name"),
            rs.getString("contact_last_name"),
            rs.getString("contact_email"),
            rs.getString("contact_phone"),
            rs.getString("street"),
            rs.getString("postal_code"),
            rs.getString("city"),
            rs.getString("country")),
        rs.getBoolean("details_complete"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
