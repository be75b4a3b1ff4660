package com.cspflow.credentials;

import java.time.Instant;

/**
 * That an organization's admin credentials were (or are being) issued: to whom, at whose request, when.
 * {@code issuedAt} is null while the password mail has not been delivered to the mail server yet. Never a password.
 *
 * @param reissuedBy the back-office user who corrected the address after the mail server refused it; null before
 */
public record CredentialsIssue(
    String organizationId,
    String adminUserName,
    String issuedTo,
    String issuedBy,
    Instant requestedAt,
    Instant issuedAt,
    String processInstanceId,
    String reissuedBy) {

  public boolean sent() {
    return issuedAt != null;
  }

  /** Who asked for the mail to the current address. */
  public String requestedBy() {
    return reissuedBy != null ? reissuedBy : issuedBy;
  }
}
