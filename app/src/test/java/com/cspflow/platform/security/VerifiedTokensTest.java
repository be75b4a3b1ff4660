package com.cspflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.support.MutableClock;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class VerifiedTokensTest {

  private static final Duration LIFETIME = Duration.ofMinutes(30);
  private static final String ISSUER = "https://cspflow.example";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final RSAKey signingKey = key();
  private final AtomicInteger keyLoads = new AtomicInteger();
  private final VerifiedTokens tokens = new VerifiedTokens(() -> {
    keyLoads.incrementAndGet();
    return publicKey(signingKey);
  }, ISSUER, LIFETIME, clock);

  @Test
  void aTokenSignedWithTheKeyIsAcceptedWithItsClaims() {
    String token = tokenSignedWith(signingKey, clock.instant());

    assertThat(tokens.decode(token).getSubject()).isEqualTo("portal");
    assertThat(tokens.decode(token).getSubject()).isEqualTo("portal");
    assertThat(keyLoads).hasValue(1);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    String forged = tokenSignedWith(key(), clock.instant());

    assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedThoughSignedWithTheKey() {
    String fromAnotherHost = tokenSignedWith(signingKey, clock.instant(), "http://evil.example");

    assertThatThrownBy(() -> tokens.decode(fromAnotherHost)).isInstanceOf(JwtValidationException.class);
    assertThatThrownBy(() -> tokens.decode(fromAnotherHost)).as("not remembered either")
        .isInstanceOf(JwtValidationException.class);
  }

  @Test
  void aTokenSignedWithAnotherAlgorithmIsRefused() throws Exception {
    var secret = new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[32]).build();
    var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(secret)));
    var claims = JwtClaimsSet.builder().issuer(ISSUER).subject("portal").issuedAt(clock.instant())
        .expiresAt(clock.instant().plus(LIFETIME)).build();
    String hmac = encoder.encode(JwtEncoderParameters.from(
        JwsHeader.with(org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256).build(), claims)).getTokenValue();

    assertThatThrownBy(() -> tokens.decode(hmac)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void aTamperedTokenIsRefusedEvenAfterTheOriginalWasAccepted() {
    String token = tokenSignedWith(signingKey, clock.instant());
    tokens.decode(token);
    String[] parts = token.split("\\.");
    String otherClaims = tokenSignedWith(signingKey, clock.instant().minusSeconds(5)).split("\\.")[1];

    assertThatThrownBy(() -> tokens.decode(parts[0] + "." + otherClaims + "." + parts[2]))
        .isInstanceOf(BadJwtException.class);
  }

  @Test
  void aRememberedTokenIsRefusedOnceItHasExpired() {
    String token = tokenSignedWith(signingKey, clock.instant());
    tokens.decode(token);

    clock.advance(LIFETIME.minusMinutes(1));
    assertThat(tokens.decode(token).getSubject()).isEqualTo("portal");

    clock.advance(Duration.ofMinutes(3)); // past its expiry and the minute of clock skew
    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
  }

  @Test
  void anExpiredTokenIsRefusedAtItsFirstUse() {
    String token = tokenSignedWith(signingKey, clock.instant().minus(LIFETIME).minusSeconds(120));

    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
  }

  private String tokenSignedWith(RSAKey key, Instant issuedAt) {
    return tokenSignedWith(key, issuedAt, ISSUER);
  }

  private String tokenSignedWith(RSAKey key, Instant issuedAt, String issuer) {
    var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    var claims = JwtClaimsSet.builder().issuer(issuer).subject("portal").issuedAt(issuedAt)
        .expiresAt(issuedAt.plus(LIFETIME))
        .claim(ApiCaller.ROLE_CLAIM, ApiRole.MARKETPLACE.name()).build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }

  private static RSAKey key() {
    try {
      return new RSAKeyGenerator(2048).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.security.interfaces.RSAPublicKey publicKey(RSAKey key) {
    try {
      return key.toRSAPublicKey();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
