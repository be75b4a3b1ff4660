package com.cspflow.platform.security;

import java.time.Instant;

/**
 * An integration's credentials of its own: a partner's system ({@link ApiRole#PARTNER}, bound to {@code partnerId})
 * or the marketplace's portal ({@link ApiRole#MARKETPLACE}). Never holds the secret, only its hash.
 */
public record ApiClient(String clientId, String name, ApiRole role, String partnerId, boolean enabled,
    Instant createdAt, String createdBy) {

  /**
   * 3 to 57 letters, digits, '.', '-' or '_'. The engine records a client as {@code client:<client id>} (start user,
   * requester, task history), and Camunda's tables hold user ids of at most 64 characters.
   */
  public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{2,56}";
  public static final String ID_HINT = "must be 3 to 57 letters, digits, '.', '-' or '_'";
}
