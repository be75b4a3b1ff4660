package com.cspflow.csp.partnercenter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Partner Center is and how the client talks to it.
 *
 * @param baseUrl Partner Center's root, without {@code /v1}
 * @param tokenUrl the OAuth2 token endpoint (v1: {@code https://login.microsoftonline.com/{tenant}/oauth2/token})
 * @param resource the OAuth2 resource the tokens are for
 * @param tenantId the partner's own tenant (used in {@code tokenUrl})
 * @param clientId the partner's app registration
 * @param clientSecret its secret; never logged
 * @param refreshToken the app+user refresh token of the Secure Application Model; never logged
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param tokenExpiryMargin a cached token is replaced this long before it expires
 * @param catalogCountry the country whose catalog and prices are read
 * @param throttling how long to wait when Partner Center answers 429
 */
@ConfigurationProperties("cspflow.csp")
public record PartnerCenterProperties(
    String baseUrl,
    String tokenUrl,
    @DefaultValue("https://api.partnercenter.microsoft.com") String resource,
    String tenantId,
    String clientId,
    String clientSecret,
    String refreshToken,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("5m") Duration tokenExpiryMargin,
    @DefaultValue("SE") String catalogCountry,
    @DefaultValue Throttling throttling) {

  /**
   * @param maxWait the longest Retry-After waited for in-line; a longer one fails at once, the job retries later
   * @param maxAttempts attempts of one call, the first included, before throttling becomes a technical failure
   */
  public record Throttling(@DefaultValue("10s") Duration maxWait, @DefaultValue("3") int maxAttempts) {}

  /** Records print every component; secrets must not end up in a log through this. */
  @Override
  public String toString() {
    return "PartnerCenterProperties[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", throttling=" + throttling + "]";
  }
}
