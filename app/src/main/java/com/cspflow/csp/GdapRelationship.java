package com.cspflow.csp;

import java.util.Locale;

/**
 * A GDAP relationship the partner requested from a customer, as Microsoft Graph reports it.
 *
 * @param approvalUrl where the customer's Global Administrator approves it (Microsoft 365 admin center)
 */
public record GdapRelationship(String id, Status status, String approvalUrl) {

  /** Graph's statuses; values Microsoft adds later read as UNKNOWN. */
  public enum Status {
    CREATED, APPROVAL_PENDING, APPROVED, ACTIVATING, ACTIVE, EXPIRING, EXPIRED, TERMINATION_REQUESTED, TERMINATING,
    TERMINATED, UNKNOWN;

    /** Graph writes camelCase ({@code approvalPending}). */
    public static Status parse(String value) {
      return value == null ? UNKNOWN : TolerantEnums.parse(Status.class,
          value.trim().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), UNKNOWN);
    }

    /** Still on its way to active, or active: the customer can approve it, or has. */
    public boolean live() {
      return this == CREATED || this == APPROVAL_PENDING || this == APPROVED || this == ACTIVATING || this == ACTIVE;
    }
  }

  /** The customer's approval page for a relationship, as Microsoft's GDAP API overview builds it. */
  public static String approvalUrl(String relationshipId) {
    return "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
        + relationshipId;
  }
}
