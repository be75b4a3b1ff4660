package com.cspflow.activation;

import java.time.Instant;

/**
 * A migrating customer's relationships with the partner: the reseller relationship it is invited to accept, and the
 * GDAP relationship (admin access) requested with the invitation, which it approves at {@code gdapApprovalUrl}.
 *
 * @param reseller {@code NOT_INVITED}, {@code INVITED} until the customer accepts, then {@code ACCEPTED}
 * @param gdapStatus Microsoft Graph's status as last read: approvalPending, active, expired, ...
 * @param gdapRolesAssignedAt when cspflow assigned the relationship's roles to the partner's agent group
 * @param checkedAt when cspflow last looked at both
 */
public record CustomerRelationships(
    String customerTenantId,
    String reseller,
    Instant resellerInvitedAt,
    Instant resellerAcceptedAt,
    String gdapRelationshipId,
    String gdapDisplayName,
    String gdapStatus,
    String gdapApprovalUrl,
    Instant gdapApprovedAt,
    Instant gdapRolesAssignedAt,
    Instant checkedAt,
    int gdapRequests) {

  public boolean resellerAccepted() {
    return resellerAcceptedAt != null;
  }

  public boolean adminAccessApproved() {
    return gdapRolesAssignedAt != null;
  }
}
