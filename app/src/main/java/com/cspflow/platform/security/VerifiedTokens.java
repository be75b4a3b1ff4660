package com.cspflow.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the API's access tokens: the signature (RS256, by the public half of the signing key all nodes share), the
 * issuer (the configured {@code cspflow.api.issuer}, never what a request's Host said) and the time they are valid
 * (with Spring's minute of clock skew). A client uses its token for many calls, and checking
 * the signature was a tenth of the CPU of an API call, so a token whose signature checked is remembered (at most
 * {@value #REMEMBERED} tokens, none longer than a token lives) and only its time is checked again. Whether its client
 * is still enabled, and still has the role the token names, is checked on every call after this
 * ({@link SecurityConfiguration.ClientTokens}).
 */
final class VerifiedTokens implements JwtDecoder {

  static final int REMEMBERED = 10_000;

  private final Supplier<RSAPublicKey> publicKey;
  private final OAuth2TokenValidator<Jwt> validity;
  private final Cache<String, Jwt> verified;
  private volatile JwtDecoder signatures;

  VerifiedTokens(Supplier<RSAPublicKey> publicKey, String issuer, Duration tokenLifetime, Clock clock) {
    this.publicKey = publicKey;
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    this.validity = new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer));
    this.verified = Caffeine.newBuilder().maximumSize(REMEMBERED).expireAfterWrite(tokenLifetime).build();
  }

  @Override
  public Jwt decode(String token) {
    Jwt known = verified.getIfPresent(token);
    if (known == null) {
      Jwt checked = signatures().decode(token);
      verified.put(token, checked);
      return checked;
    }
    OAuth2TokenValidatorResult result = validity.validate(known);
    if (result.hasErrors()) {
      verified.invalidate(token);
      throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
    }
    return known;
  }

  /** Built at the first token: the key is loaded (or made) once the database is there. */
  private JwtDecoder signatures() {
    JwtDecoder decoder = signatures;
    if (decoder == null) {
      NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(publicKey.get())
          .signatureAlgorithm(SignatureAlgorithm.RS256).build();
      nimbus.setJwtValidator(validity);
      decoder = nimbus;
      signatures = decoder;
    }
    return decoder;
  }
}
