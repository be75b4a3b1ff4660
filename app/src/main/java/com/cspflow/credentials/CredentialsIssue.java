package com.cspflow.credentials;

import java.time.Instant;

/**
 * That an organization's admin credentials were (or are being) issued: to whom, at whose request, when.
 * {@code issuedAt} is null while the first request's password mail has not gone out yet. Never a password.
 */
public record CredentialsIssue(
    String organizationId,
    String adminUserName,
    String issuedTo,
    String issuedBy,
    Instant requestedAt,
    Instant issuedAt,
    String processInstanceId) {

  public boolean sent() {
    return issuedAt != null;
  }
}
