package com.cspflow.platform.security;

import com.cspflow.platform.secrets.SecretBox;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs the API's access tokens, shared by every node through the database: the first node to
 * start makes it, the others read it, so a token from one node is valid on all. Its private half is encrypted
 * ({@link SecretBox}).
 */
@Component
class TokenSigningKey implements TokenKeys {

  private static final String CURRENT = "current";

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;
  private volatile JWKSet keys;

  TokenSigningKey(JdbcClient jdbc, SecretBox secrets, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public void ensure() {
    keys();
  }

  JWKSet keys() {
    JWKSet loaded = keys;
    if (loaded == null) {
      synchronized (this) {
        if (keys == null) {
          keys = new JWKSet(loadOrCreate());
        }
        loaded = keys;
      }
    }
    return loaded;
  }

  /** The public half, which verifies the tokens. */
  RSAPublicKey publicKey() {
    try {
      return keys().getKeys().get(0).toRSAKey().toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException("The token signing key has no usable public half", e);
    }
  }

  private RSAKey loadOrCreate() {
    return stored().orElseGet(() -> {
      try {
        RSAKey created = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        jdbc.sql("""
            INSERT INTO api_signing_key (id, public_key, private_key_encrypted, created_at)
            VALUES (:id, :publicKey, :privateKey, :now)""")
            .param("id", CURRENT).param("publicKey", created.toPublicJWK().toJSONString())
            .param("privateKey", secrets.encrypt(created.toJSONString()))
            .param("now", Timestamp.from(clock.instant())).update();
        return created;
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        return stored().orElseThrow();
      } catch (JOSEException e) {
        throw new IllegalStateException("Cannot generate the token signing key", e);
      }
    });
  }

  private java.util.Optional<RSAKey> stored() {
    return jdbc.sql("SELECT private_key_encrypted FROM api_signing_key WHERE id = :id").param("id", CURRENT)
        .query(String.class).optional().map(encrypted -> {
          try {
            return RSAKey.parse(secrets.decrypt(encrypted));
          } catch (ParseException e) {
            throw new IllegalStateException("The stored token signing key is unreadable", e);
          }
        });
  }
}
