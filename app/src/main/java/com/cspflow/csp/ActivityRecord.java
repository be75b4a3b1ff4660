package com.cspflow.csp;

import java.time.Instant;

/**
 * One audit record of Partner Center's activity log: an operation on a customer's resource ({@code resourceType}
 * such as {@code subscription} or {@code order}, {@code operationType} such as {@code update_subscription}), when it
 * was made, and by which application or partner user. {@code tenantId} is null for an operation on no customer.
 */
public record ActivityRecord(String tenantId, String resourceType, String operationType, Instant operationDate,
    String applicationId, String userPrincipalName) {}
