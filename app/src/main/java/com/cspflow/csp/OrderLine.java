package com.cspflow.csp;

public record OrderLine(String catalogItemId, int quantity, String termDuration, String billingCycle) {}
