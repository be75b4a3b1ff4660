package com.cspflow.monthlyupdate;

/**
 * Where our record of a subscription differed from Microsoft's when the run read it; {@code detail} says what a
 * renewal or expiry changed ("renewed 2026-12-21: 12 → 8 seats, until 2027-12-21"), empty for the other kinds.
 */
public record DriftView(String organizationId, String subscriptionId, String kind, Integer ourQuantity,
    Integer cspQuantity, String ourStatus, String cspStatus, String detail) {}
