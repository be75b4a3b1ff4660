package com.cspflow.onboarding;

import java.time.Instant;

public record Organization(
    String id,
    String partnerId,
    String name,
    OrganizationDetails details,
    boolean detailsComplete,
    Instant createdAt,
    Instant updatedAt) {}
