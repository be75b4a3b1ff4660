package com.cspflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Secure Application Model's consents and their refresh tokens, persisted so that they outlive a restart as
 * they do at Microsoft. A consent is a partner user's one-time sign-in for the app; the app then redeems refresh
 * tokens of it. Every redemption answers a new refresh token and spends the one used (rotation, single use); a
 * consent unused for {@code refreshTokenMaxInactive}, a revoked one, and one made without MFA no longer give tokens.
 *
 * <p>Only a SHA-256 hash of a refresh token is stored: the tokens are 256 random bits, so no salt or slow hash is
 * needed to keep them from being recovered from the table.
 */
@Component
class SandboxConsents {

  /** The partner user behind a consent nobody named. */
  static final String DEFAULT_USER = "admin@sandboxpartner.onmicrosoft.com";

  record Consent(String id, String userPrincipalName, boolean mfa, long createdAt, long lastUsedAt, Long revokedAt) {

    boolean revoked() {
      return revokedAt != null;
    }
  }

  /** A consent and the refresh token to redeem next; the token is not kept anywhere but in this answer. */
  record Grant(Consent consent, String refreshToken) {}

  private static final RowMapper<Consent> CONSENT = (rs, row) -> new Consent(rs.getString("id"),
      rs.getString("user_principal_name"), rs.getBoolean("mfa"), rs.getLong("created_at"), rs.getLong("last_used_at"),
      rs.getObject("revoked_at", Long.class));

  private final JdbcTemplate jdbc;
  private final SandboxProperties properties;
  private final SecureRandom random = new SecureRandom();

  SandboxConsents(JdbcTemplate jdbc, SandboxProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  @Transactional
  Grant create(String userPrincipalName, boolean mfa) {
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_consent (id, user_principal_name, mfa, created_at, last_used_at) "
        + "VALUES (?, ?, ?, ?, ?)", id, userPrincipalName, mfa, now, now);
    return new Grant(consent(id).orElseThrow(), issue(id, now));
  }

  /**
   * The consent whose current refresh token is {@code refreshToken}, made with MFA, unless one with that token
   * exists already (it may have rotated since): the configured first token survives restarts without a second
   * consent.
   */
  @Transactional
  void createWithToken(String refreshToken) {
    String hash = hash(refreshToken);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM sandbox_refresh_token WHERE token_hash = ?",
        Integer.class, hash);
    if (known != null && known > 0) {
      return;
    }
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_consent (id, user_principal_name, mfa, created_at, last_used_at) "
        + "VALUES (?, ?, TRUE, ?, ?)", id, DEFAULT_USER, now, now);
    jdbc.update("INSERT INTO sandbox_refresh_token (token_hash, consent_id, issued_at) VALUES (?, ?, ?)", hash, id,
        now);
  }

  /**
   * Spends {@code refreshToken} and answers the next one. The token is claimed first by a conditional update, so of
   * two simultaneous redemptions exactly one gets the row; a refusal after the claim rolls it back, and the token
   * stays as unused as it was.
   *
   * @param resource what the token is asked for, named in the refusal for a consent without MFA
   */
  @Transactional
  Grant redeem(String refreshToken, String resource) {
    String hash = hash(refreshToken);
    long now = System.currentTimeMillis();
    if (jdbc.update("UPDATE sandbox_refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now,
        hash) == 0) {
      throw SandboxTokenError.invalidOrUsedGrant();
    }
    Consent consent = jdbc.queryForObject("SELECT c.* FROM sandbox_consent c JOIN sandbox_refresh_token t "
        + "ON t.consent_id = c.id WHERE t.token_hash = ?", CONSENT, hash);
    if (consent.revoked()) {
      throw SandboxTokenError.revoked();
    }
    Duration inactive = Duration.ofMillis(now - consent.lastUsedAt());
    if (inactive.compareTo(properties.refreshTokenMaxInactive()) > 0) {
      throw SandboxTokenError.inactive(Instant.ofEpochMilli(consent.lastUsedAt()), inactive);
    }
    if (!consent.mfa()) {
      throw SandboxTokenError.mfaRequired(resource);
    }
    jdbc.update("UPDATE sandbox_consent SET last_used_at = ? WHERE id = ?", now, consent.id());
    return new Grant(consent(consent.id()).orElseThrow(), issue(consent.id(), now));
  }

  List<Consent> consents() {
    return jdbc.query("SELECT * FROM sandbox_consent ORDER BY created_at, id", CONSENT);
  }

  Optional<Consent> consent(String id) {
    return jdbc.query("SELECT * FROM sandbox_consent WHERE id = ?", CONSENT, id).stream().findFirst();
  }

  /** An administrator revoked the user's sessions: the consent's refresh tokens no longer give access tokens. */
  @Transactional
  void revoke(String id) {
    jdbc.update("UPDATE sandbox_consent SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        System.currentTimeMillis(), id);
  }

  /** Moves the consent's last use {@code days} into the past, so that a test need not wait 90 days. */
  @Transactional
  void travel(String id, long days) {
    long millis = Duration.ofDays(days).toMillis();
    jdbc.update("UPDATE sandbox_consent SET last_used_at = last_used_at - ?, "
        + "created_at = LEAST(created_at, last_used_at - ?) WHERE id = ?", millis, millis, id);
  }

  private String issue(String consentId, long now) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.update("INSERT INTO sandbox_refresh_token (token_hash, consent_id, issued_at) VALUES (?, ?, ?)", hash(token),
        consentId, now);
    return token;
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException everyJvmHasIt) {
      throw new IllegalStateException(everyJvmHasIt);
    }
  }
}
