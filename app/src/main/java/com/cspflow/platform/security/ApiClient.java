package com.cspflow.platform.security;

import java.time.Instant;

/**
 * An integration's credentials of its own: a partner's system ({@link ApiRole#PARTNER}, bound to {@code partnerId})
 * or the marketplace's portal ({@link ApiRole#MARKETPLACE}). Never holds the secret, only its hash.
 */
public record ApiClient(String clientId, String name, ApiRole role, String partnerId, boolean enabled,
    Instant createdAt, String createdBy) {}
