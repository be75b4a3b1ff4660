package com.cspflow.csp;

/**
 * What a new-commerce subscription becomes at its renewal (Partner Center's {@code scheduledNextTermInstructions}):
 * the product (another SKU or availability for an upgrade), term, billing cycle and seat count of the next term.
 * Microsoft deletes it when the subscription is changed mid-term.
 */
public record NextTermInstructions(String catalogItemId, int quantity, String termDuration, String billingCycle) {}
