package com.cspflow.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens of the sandbox's token endpoint. They live in memory: after a restart the client is
 * answered 401 once, fetches a new token and goes on, as it would after a revoked token at Microsoft.
 */
@Component
class SandboxTokens {

  enum Kind { APP_ONLY, APP_AND_USER }

  record Issued(String accessToken, Kind kind, Instant expiresAt) {}

  private final SandboxProperties properties;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  SandboxTokens(SandboxProperties properties) {
    this.properties = properties;
  }

  Issued issue(Kind kind) {
    Instant now = clock.instant();
    issued.values().removeIf(token -> token.expiresAt().isBefore(now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Issued token = new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), kind,
        now.plus(properties.tokenLifetime()));
    issued.put(token.accessToken(), token);
    return token;
  }

  Optional<Kind> validate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Issued token = issued.get(authorizationHeader.substring(7).trim());
    if (token == null || token.expiresAt().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(token.kind());
  }
}
