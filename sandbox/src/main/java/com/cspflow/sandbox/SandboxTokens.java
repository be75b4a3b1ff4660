package com.cspflow.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens of the sandbox's token endpoint. They live in memory: after a restart the client is
 * answered 401 once, fetches a new token and goes on, as it would after a revoked token at Microsoft. A token is
 * bound to the audience it was asked for, as Microsoft's are: a Graph token opens no Partner Center call and
 * the other way round.
 */
@Component
class SandboxTokens {

  enum Kind { APP_ONLY, APP_AND_USER }

  /** The resources the token endpoint issues tokens for, by their v1 {@code resource} value. */
  enum Audience {
    PARTNER_CENTER("https://api.partnercenter.microsoft.com"),
    /** Microsoft's Partner API (api.partner.microsoft.com), which serves the price sheets. */
    PARTNER_API("https://api.partner.microsoft.com"),
    GRAPH("https://graph.microsoft.com");

    private final String resource;

    Audience(String resource) {
      this.resource = resource;
    }

    String resource() {
      return resource;
    }

    /** Azure AD accepts an App ID URI with or without its trailing slash. */
    static Optional<Audience> of(String resource) {
      String withoutSlash = resource == null ? "" : resource.replaceAll("/+$", "");
      return Arrays.stream(values()).filter(audience -> audience.resource.equalsIgnoreCase(withoutSlash)).findFirst();
    }
  }

  /**
   * @param consentId the consent an app+user token was redeemed from; null for app-only
   * @param mfa whether the user behind an app+user token signed in with MFA
   */
  record AccessToken(String value, Kind kind, Audience audience, String consentId, boolean mfa, Instant notBefore,
      Instant expiresAt) {

    boolean isAppAndUserWithMfa() {
      return kind == Kind.APP_AND_USER && mfa;
    }
  }

  private final SandboxProperties properties;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, AccessToken> issued = new ConcurrentHashMap<>();

  SandboxTokens(SandboxProperties properties) {
    this.properties = properties;
  }

  AccessToken appOnly(Audience audience) {
    return issue(Kind.APP_ONLY, audience, null, false);
  }

  AccessToken appAndUser(Audience audience, SandboxConsents.Consent consent) {
    return issue(Kind.APP_AND_USER, audience, consent.id(), consent.mfa());
  }

  private AccessToken issue(Kind kind, Audience audience, String consentId, boolean mfa) {
    Instant now = clock.instant();
    issued.values().removeIf(token -> token.expiresAt().isBefore(now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    AccessToken token = new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), kind, audience,
        consentId, mfa, now, now.plus(properties.tokenLifetime()));
    issued.put(token.value(), token);
    return token;
  }

  Optional<AccessToken> validate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    AccessToken token = issued.get(authorizationHeader.substring(7).trim());
    if (token == null || token.expiresAt().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(token);
  }
}
