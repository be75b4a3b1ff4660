package com.cspflow.subscriptions;

import java.time.Instant;

/** A customer subscription as we keep it; {@code commitmentEndDate} is its renewal date. */
public record Subscription(
    String id,
    String organizationId,
    String catalogItemId,
    String offerName,
    int quantity,
    String status,
    String termDuration,
    String billingCycle,
    Instant startDate,
    Instant commitmentEndDate,
    String orderId) {}
