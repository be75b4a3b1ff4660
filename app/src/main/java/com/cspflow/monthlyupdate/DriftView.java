package com.cspflow.monthlyupdate;

import java.time.Instant;

/**
 * Where our record of a subscription differed from Microsoft's when the run read it. For a renewal or an expiry,
 * {@code detail} says what changed ("renewed 2026-12-21: 12 → 8 seats, until 2027-12-21"), {@code foundBy} which
 * check found it (DAILY_CHECK, the daily renewal check, or MONTHLY_UPDATE, this run) and {@code foundAt} when; all
 * three are empty for the other kinds.
 */
public record DriftView(String organizationId, String subscriptionId, String kind, Integer ourQuantity,
    Integer cspQuantity, String ourStatus, String cspStatus, String detail, String foundBy, Instant foundAt) {}
