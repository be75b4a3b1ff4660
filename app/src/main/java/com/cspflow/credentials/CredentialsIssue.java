package com.cspflow.credentials;

import java.time.Instant;

/**
 * That an organization's admin credentials were (or are being) issued: to whom, at whose request, when.
 * {@code issuedAt} is null while the password mail has not been delivered to the mail server yet. Never a password.
 *
 * @param reissuedBy the back-office user who corrected the address after the mail server refused it; null before
 * @param mailHandedOverAt when the password mail was handed to the mail server with no answer recorded yet; set on a
 *     claim not yet spent, it means that the run sending it stopped before it heard back (see V98)
 */
public record CredentialsIssue(
    String organizationId,
    String adminUserName,
    String issuedTo,
    String issuedBy,
    Instant requestedAt,
    Instant issuedAt,
    String processInstanceId,
    String reissuedBy,
    Instant mailHandedOverAt) {

  public boolean sent() {
    return issuedAt != null;
  }

  /** Whether an earlier run handed the password mail over and stopped before it heard whether it was taken. */
  public boolean deliveryUnknown() {
    return !sent() && mailHandedOverAt != null;
  }

  /** Who asked for the mail to the current address. */
  public String requestedBy() {
    return reissuedBy != null ? reissuedBy : issuedBy;
  }
}
