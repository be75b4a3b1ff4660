package com.cspflow.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a node leaves that dies after the mail server took the password mail and before it recorded the answer: the
 * reset job's whole work, then undone what came after the handover (the issue spent, the attempt recorded), and the
 * job's own transaction never committed. A kill -9 in that window is what the reliability harness does to a node.
 */
public final class DeadNodeMidSend {

  private DeadNodeMidSend() {}

  /** Leaves the request's password mail of unknown delivery; returns when it was handed over. */
  public static Instant leave(AdminCredentialsService credentials, PlatformTransactionManager transactions,
      DataSource dataSource, String organizationId, String processInstanceId) {
    new TransactionTemplate(transactions).executeWithoutResult(dying -> {
      credentials.issueFirst(organizationId, processInstanceId);
      dying.setRollbackOnly();
    });
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("UPDATE admin_credentials_issue SET issued_at = NULL WHERE organization_id = ?", organizationId);
    jdbc.update("DELETE FROM admin_credentials_attempt WHERE organization_id = ? AND outcome = 'SENT'",
        organizationId);
    CredentialsIssue left = credentials.issue(organizationId).orElseThrow();
    assertThat(left.deliveryUnknown()).as("the mail handed over, its answer not recorded").isTrue();
    return left.mailHandedOverAt();
  }
}
