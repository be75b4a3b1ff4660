package com.cspflow.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project API's settings.
 *
 * @param tokenLifetime how long an access token from /oauth2/token is valid
 * @param idempotencyKeyLifetime how long the first answer to an Idempotency-Key is kept (at least 24 hours)
 * @param maxRequestBytes the largest request body the API, the engine's REST API and the webapps accept
 * @param localClients API clients created at start-up with a known secret: a laptop and the tests only
 * @param issuer the address the API's callers reach it by (the gateway's, with two nodes): the issuer its tokens name
 *     and the only one it accepts, and the base of the addresses its OAuth metadata lists, whatever Host a request
 *     names
 */
@ConfigurationProperties("cspflow.api")
public record ApiSettings(
    @DefaultValue("PT30M") Duration tokenLifetime,
    @DefaultValue("PT48H") Duration idempotencyKeyLifetime,
    @DefaultValue("65536") int maxRequestBytes,
    @DefaultValue List<LocalClient> localClients,
    @DefaultValue("http://localhost:8080") String issuer) {

  public ApiSettings {
    if (idempotencyKeyLifetime.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("cspflow.api.idempotency-key-lifetime must be at least 24 hours");
    }
  }

  /** A client of the local configuration; never in production (the secret is in a file). */
  public record LocalClient(String clientId, String name, String secret, ApiRole role, String partnerId) {

    @Override
    public String toString() {
      return "LocalClient[" + clientId + ", " + role + "]";
    }
  }
}
