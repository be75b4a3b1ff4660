package com.cspflow.credentials;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CredentialsIssueRepository {

  private final JdbcClient jdbc;

  public CredentialsIssueRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the organization's Microsoft 365 row until the calling transaction ends, so that requests for one
   * organization take their turn; false when there is no such row (nothing to issue credentials for).
   */
  public boolean lockService(String organizationId) {
    return jdbc.sql("SELECT organization_id FROM m365_service WHERE organization_id = :id FOR UPDATE")
        .param("id", organizationId).query(String.class).optional().isPresent();
  }

  public Optional<CredentialsIssue> find(String organizationId) {
    return jdbc.sql("SELECT * FROM admin_credentials_issue WHERE organization_id = :id").param("id", organizationId)
        .query(CredentialsIssueRepository::map).optional();
  }

  public void claim(CredentialsIssue issue) {
    jdbc.sql("""
        INSERT INTO admin_credentials_issue (organization_id, admin_user_name, issued_to, issued_by, requested_at,
          process_instance_id) VALUES (:id, :user, :to, :by, :at, :instance)""")
        .param("id", issue.organizationId()).param("user", issue.adminUserName()).param("to", issue.issuedTo())
        .param("by", issue.issuedBy()).param("at", Timestamp.from(issue.requestedAt()))
        .param("instance", issue.processInstanceId()).update();
  }

  public void markIssued(String organizationId, Instant at) {
    int updated = jdbc.sql("UPDATE admin_credentials_issue SET issued_at = :at WHERE organization_id = :id")
        .param("at", Timestamp.from(at)).param("id", organizationId).update();
    if (updated != 1) {
      throw new IllegalStateException("No admin credentials claim for organization " + organizationId);
    }
  }

  /**
   * The password mail is about to be handed to the mail server: committed before it goes, so that a run that dies
   * before it hears back leaves the next run knowing that the password may have been delivered.
   */
  public void markMailHandedOver(String organizationId, Instant at) {
    jdbc.sql("UPDATE admin_credentials_issue SET mail_handed_over_at = :at WHERE organization_id = :id")
        .param("at", Timestamp.from(at)).param("id", organizationId).update();
  }

  /** The mail was not delivered (or the back office heard it never arrived): the next attempt may reset and send. */
  public void clearMailHandedOver(String organizationId) {
    jdbc.sql("UPDATE admin_credentials_issue SET mail_handed_over_at = NULL WHERE organization_id = :id")
        .param("id", organizationId).update();
  }

  /** The back office corrected the address the mail server refused; the next attempt goes there. */
  public void changeRecipient(String organizationId, String recipient, String reissuedBy) {
    int updated = jdbc.sql("UPDATE admin_credentials_issue SET issued_to = :to, reissued_by = :by "
            + "WHERE organization_id = :id AND issued_at IS NULL")
        .param("to", recipient).param("by", reissuedBy).param("id", organizationId).update();
    if (updated != 1) {
      throw new IllegalStateException("No unsent admin credentials claim for organization " + organizationId);
    }
  }

  /** The request is withdrawn before its mail was delivered: a later request may issue the credentials. */
  public void release(String organizationId) {
    jdbc.sql("DELETE FROM admin_credentials_issue WHERE organization_id = :id AND issued_at IS NULL")
        .param("id", organizationId).update();
  }

  public void recordAttempt(String organizationId, String processInstanceId, CredentialsAttempt attempt) {
    jdbc.sql("""
        INSERT INTO admin_credentials_attempt (id, organization_id, process_instance_id, requested_by, attempted_at,
          recipient, outcome) VALUES (:id, :organization, :instance, :by, :at, :to, :outcome)""")
        .param("id", UUID.randomUUID().toString()).param("organization", organizationId)
        .param("instance", processInstanceId).param("by", attempt.requestedBy())
        .param("at", Timestamp.from(attempt.attemptedAt())).param("to", attempt.recipient())
        .param("outcome", attempt.outcome().name()).update();
  }

  /** Every attempt for the organization, the first first. */
  public List<CredentialsAttempt> attempts(String organizationId) {
    return jdbc.sql("SELECT * FROM admin_credentials_attempt WHERE organization_id = :id ORDER BY attempted_at, id")
        .param("id", organizationId).query((rs, row) -> new CredentialsAttempt(rs.getString("requested_by"),
            rs.getTimestamp("attempted_at").toInstant(), rs.getString("recipient"),
            CredentialsAttempt.Outcome.valueOf(rs.getString("outcome")))).list();
  }

  private static CredentialsIssue map(ResultSet rs, int row) throws SQLException {
    Timestamp issuedAt = rs.getTimestamp("issued_at");
    Timestamp handedOver = rs.getTimestamp("mail_handed_over_at");
    return new CredentialsIssue(rs.getString("organization_id"), rs.getString("admin_user_name"),
        rs.getString("issued_to"), rs.getString("issued_by"), rs.getTimestamp("requested_at").toInstant(),
        issuedAt == null ? null : issuedAt.toInstant(), rs.getString("process_instance_id"),
        rs.getString("reissued_by"), handedOver == null ? null : handedOver.toInstant());
  }
}
