package com.cspflow.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic against Camunda's identity service that remembers a verified user name and password, with the
 * user's groups and tenants, for a short while. Without it every call of an integration (the portal starts an
 * order per call) pays a password check and two membership queries before it does anything.
 *
 * <p>Only successes are remembered, so every wrong password still reaches Camunda and counts towards its login
 * throttling. What is kept is a salted SHA-256 of the Authorization header, never the header or the password;
 * the salt is random per start. A changed password, a locked or deleted user, or a new group membership takes
 * effect within the remembering time ({@code cspflow.rest.remember-credentials}; 0 turns it off).
 */
final class RememberedBasicAuthentication implements AuthenticationProvider {

  /** More distinct credentials than this within the remembering time and the memory starts over. */
  static final int MAX_REMEMBERED = 1_000;

  private record Verified(String userId, List<String> groups, List<String> tenants, Instant until) {}

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final byte[] salt = new byte[16];
  private final Duration remember;
  private final Clock clock;

  RememberedBasicAuthentication(Duration remember, Clock clock) {
    this.remember = remember;
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (remember.isZero() || header == null) {
      return basic.extractAuthenticatedUser(request, engine);
    }
    String key = fingerprint(header);
    Instant now = clock.instant();
    Verified known = verified.get(key);
    if (known != null && now.isBefore(known.until())) {
      return result(known);
    }
    AuthenticationResult checked = basic.extractAuthenticatedUser(request, engine);
    if (!checked.isAuthenticated()) {
      verified.remove(key);
      return checked;
    }
    String userId = checked.getAuthenticatedUser();
    Verified fresh = new Verified(userId,
        engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
        engine.getIdentityService().createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
            .stream().map(Tenant::getId).toList(),
        now.plus(remember));
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(key, fresh);
    return result(fresh);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }

  private static AuthenticationResult result(Verified verified) {
    AuthenticationResult result = AuthenticationResult.successful(verified.userId());
    result.setGroups(verified.groups());
    result.setTenants(verified.tenants());
    return result;
  }

  private String fingerprint(String header) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return HexFormat.of().formatHex(sha256.digest(header.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
