package com.cspflow.partnercenterevents;

import java.time.Instant;

/**
 * A change Partner Center told cspflow about: its name ({@code subscription-updated}), the resource that changed, the
 * customer (tenant) the resource belongs to when its address names one, and when it changed, as Microsoft says.
 */
record PartnerCenterEvent(String eventName, String resourceUri, String tenantId, Instant changedAt) {}
