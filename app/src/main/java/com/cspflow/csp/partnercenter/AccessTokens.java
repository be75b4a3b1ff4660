package com.cspflow.csp.partnercenter;

import com.cspflow.csp.CspTechnicalException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * OAuth2 access tokens for Partner Center, one per grant, cached until shortly before they expire. App-only
 * calls use client credentials; the calls Microsoft reserves for app+user use the refresh token of the Secure
 * Application Model, and a rotated refresh token from the answer replaces the configured one.
 * No token, secret or token-endpoint answer body is ever logged.
 */
final class AccessTokens {

  enum Grant { APP_ONLY, APP_AND_USER }

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private record Cached(String accessToken, Instant renewAt) {}

  private record TokenAnswer(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("expires_in") long expiresIn,
      @JsonProperty("refresh_token") String refreshToken) {}

  private final PartnerCenterProperties properties;
  private final RestClient http;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<Grant, Cached> cache = new EnumMap<>(Grant.class);
  private String refreshToken;

  AccessTokens(PartnerCenterProperties properties, RestClient http,
      ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.refreshToken = properties.refreshToken();
  }

  synchronized String token(Grant grant) {
    Cached cached = cache.get(grant);
    if (cached != null && clock.instant().isBefore(cached.renewAt())) {
      return cached.accessToken();
    }
    TokenAnswer answer = request(grant);
    if (grant == Grant.APP_AND_USER && answer.refreshToken() != null && !answer.refreshToken().isBlank()) {
      refreshToken = answer.refreshToken();
    }
    Instant renewAt = clock.instant().plusSeconds(answer.expiresIn()).minus(properties.tokenExpiryMargin());
    cache.put(grant, new Cached(answer.accessToken(), renewAt));
    return answer.accessToken();
  }

  /** Partner Center did not accept the token (revoked, or the sandbox restarted): the next call gets a new one. */
  synchronized void forget(Grant grant) {
    cache.remove(grant);
  }

  private TokenAnswer request(Grant grant) {
    Map<String, String> form = new LinkedHashMap<>();
    if (grant == Grant.APP_AND_USER) {
      if (refreshToken == null || refreshToken.isBlank()) {
        throw new CspTechnicalException("No refresh token configured (cspflow.csp.refresh-token) for an app+user call");
      }
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
    } else {
      form.put("grant_type", "client_credentials");
    }
    form.put("client_id", properties.clientId());
    form.put("client_secret", properties.clientSecret());
    form.put("resource", properties.resource());
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    if (properties.tokenUrl() == null || properties.tokenUrl().isBlank() || properties.clientId() == null
        || properties.clientId().isBlank()) {
      throw new CspTechnicalException("Partner Center sign-in not configured (cspflow.csp.token-url, client-id)");
    }
    URI tokenUrl = URI.create(properties.tokenUrl());
    try {
      return http.post().uri(tokenUrl)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON)
          .body(body)
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            byte[] content = response.getBody().readAllBytes();
            if (status != 200) {
              LOG.warn("Token endpoint refused the {} grant: HTTP {}", grant, status);
              throw new CspTechnicalException("Token endpoint answered HTTP " + status + " for the " + grant + " grant");
            }
            return parse(content);
          }, true);
    } catch (RestClientException e) {
      throw new CspTechnicalException("Token endpoint not reachable: " + e.getMessage(), e);
    }
  }

  private TokenAnswer parse(byte[] content) throws IOException {
    TokenAnswer answer = json.readValue(content, TokenAnswer.class);
    if (answer.accessToken() == null || answer.accessToken().isBlank()) {
      throw new CspTechnicalException("Token endpoint answered without an access token");
    }
    return answer;
  }
}
