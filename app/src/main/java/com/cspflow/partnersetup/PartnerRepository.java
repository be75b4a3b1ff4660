package com.cspflow.partnersetup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PartnerRepository {

  private final JdbcClient jdbc;

  public PartnerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Partner> find(String id) {
    return jdbc.sql("SELECT * FROM partner WHERE id = :id").param("id", id).query(PartnerRepository::map).optional();
  }

  /** Makes new partners' ids one at a time until the transaction ends (V96): the check and the insert take turns. */
  public void lockIds() {
    jdbc.sql("SELECT name FROM cluster_lock WHERE name = 'partner-ids' FOR UPDATE").query(String.class).single();
  }

  /** Another partner whose id is this one in other letter case ("Partner-1" for "partner-1"), if there is one. */
  public Optional<String> otherCaseOf(String id) {
    // First of several: partners made before the letter-case check may differ from each other only in case
    return jdbc.sql("SELECT id FROM partner WHERE LOWER(id) = LOWER(:id) AND id <> :id ORDER BY id").param("id", id)
        .query(String.class).list().stream().findFirst();
  }

  /** A new request, or a new try after a rejection. */
  public void savePending(String id, String mpnId, String contactName, String contactEmail, Instant now) {
    int updated = jdbc.sql("""
        UPDATE partner SET mpn_id = :mpnId, contact_name = :contactName, contact_email = :contactEmail,
          status = 'PENDING', rejected_reason = NULL, requested_at = :now
        WHERE id = :id AND status = 'REJECTED'""")
        .param("mpnId", mpnId).param("contactName", contactName).param("contactEmail", contactEmail)
        .param("now", Timestamp.from(now)).param("id", id).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO partner (id, mpn_id, contact_name, contact_email, status, requested_at)
          VALUES (:id, :mpnId, :contactName, :contactEmail, 'PENDING', :now)""")
          .param("id", id).param("mpnId", mpnId).param("contactName", contactName)
          .param("contactEmail", contactEmail).param("now", Timestamp.from(now)).update();
    }
  }

  public void activate(String id, String microsoftName, Instant now) {
    jdbc.sql("UPDATE partner SET status = 'ACTIVE', microsoft_name = :name, activated_at = :now WHERE id = :id")
        .param("name", microsoftName).param("now", Timestamp.from(now)).param("id", id).update();
  }

  public void reject(String id, String reason) {
    jdbc.sql("UPDATE partner SET status = 'REJECTED', rejected_reason = :reason WHERE id = :id")
        .param("reason", reason).param("id", id).update();
  }

  private static Partner map(ResultSet rs, int row) throws SQLException {
    Timestamp activated = rs.getTimestamp("activated_at");
    return new Partner(
        rs.getString("id"),
        rs.getString("mpn_id"),
        rs.getString("contact_name"),
        rs.getString("contact_email"),
        Partner.Status.valueOf(rs.getString("status")),
        rs.getString("microsoft_name"),
        rs.getString("rejected_reason"),
        rs.getTimestamp("requested_at").toInstant(),
        activated == null ? null : activated.toInstant());
  }
}
