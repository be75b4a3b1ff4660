package com.cspflow.csp.partnercenter;

import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.consent.ConsentStore;
import com.cspflow.csp.partnercenter.CspOperation.Api;
import com.cspflow.csp.partnercenter.CspOperation.Grant;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * OAuth2 access tokens from Azure AD's v1 token endpoint, one per grant and resource (Partner Center, Microsoft
 * Graph), cached until shortly before they expire. App-only tokens come from client credentials; app+user tokens are
 * redeemed from the stored consent ({@link ConsentStore}), which keeps the rotated refresh token of every answer
 * and records Microsoft's refusal of the consent (AADSTS70000 after a re-read, 700082, 50173, 50076, 50078) so that
 * the token endpoint is not asked again with a refused token. No token, secret or token-endpoint answer body is
 * ever logged.
 */
final class AccessTokens {

  /** Azure AD's codes that refuse the consent itself rather than the request: only a person can renew it. */
  private static final Set<Integer> CONSENT_REFUSALS = Set.of(70000, 700082, 50173, 50076, 50078);

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private record Key(Grant grant, Api api) {}

  private record Cached(String accessToken, Instant renewAt) {}

  private record TokenAnswer(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("expires_in") long expiresIn,
      @JsonProperty("refresh_token") String refreshToken) {}

  /** The token endpoint's answer: 200 with a token, or Azure AD's error with its AADSTS code. */
  private record Answer(TokenAnswer token, String error, int code, String reason) {}

  private final PartnerCenterProperties properties;
  private final RestClient http;
  private final ObjectMapper json;
  private final Clock clock;
  private final ConsentStore consent;
  private final Map<Key, Cached> cache = new HashMap<>();

  AccessTokens(PartnerCenterProperties properties, RestClient http, ObjectMapper json, Clock clock,
      ConsentStore consent) {
    this.properties = properties;
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.consent = consent;
  }

  synchronized String token(Grant grant, Api api) {
    Key key = new Key(grant, api);
    Cached cached = cache.get(key);
    if (cached != null && clock.instant().isBefore(cached.renewAt())) {
      return cached.accessToken();
    }
    TokenAnswer answer = grant == Grant.APP_AND_USER ? appAndUser(api) : appOnly(api);
    Instant renewAt = clock.instant().plusSeconds(answer.expiresIn()).minus(properties.tokenExpiryMargin());
    cache.put(key, new Cached(answer.accessToken(), renewAt));
    return answer.accessToken();
  }

  /**
   * Redeems a refresh token before anyone stores it, leaving the stored consent alone: Microsoft's rotated token
   * when it accepts the consent, its refusal (invalid, expired, revoked, given without MFA) when not.
   */
  ConsentStore.Redemption<Void> tryOut(String refreshToken) {
    Answer answer = request(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), Api.PARTNER_CENTER);
    if (answer.token() != null) {
      String next = blank(answer.token().refreshToken()) ? refreshToken : answer.token().refreshToken();
      return new ConsentStore.Redeemed<>(null, next);
    }
    if (CONSENT_REFUSALS.contains(answer.code()) || "invalid_grant".equals(answer.error())) {
      return new ConsentStore.Refused<>(answer.code(), answer.reason());
    }
    throw refusal("refresh_token", answer);
  }

  /** A new consent was stored: app+user tokens come from it from now on. */
  synchronized void forgetAppAndUser() {
    cache.keySet().removeIf(key -> key.grant() == Grant.APP_AND_USER);
  }

  /** Microsoft did not accept the token (revoked, or the sandbox restarted): the next call gets a new one. */
  synchronized void forget(Grant grant, Api api) {
    cache.remove(new Key(grant, api));
  }

  private TokenAnswer appOnly(Api api) {
    Answer answer = request(Map.of("grant_type", "client_credentials"), api);
    if (answer.token() == null) {
      throw refusal("client_credentials", answer);
    }
    return answer.token();
  }

  private TokenAnswer appAndUser(Api api) {
    return consent.redeem(refreshToken -> {
      Answer answer = request(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), api);
      if (answer.token() != null) {
        return new ConsentStore.Redeemed<>(answer.token(), answer.token().refreshToken());
      }
      if (CONSENT_REFUSALS.contains(answer.code())) {
        return new ConsentStore.Refused<>(answer.code(), answer.reason());
      }
      throw refusal("refresh_token", answer);
    });
  }

  private Answer request(Map<String, String> grant, Api api) {
    if (blank(properties.tokenUrl()) || blank(properties.clientId())) {
      throw new CspTechnicalException("Partner Center sign-in not configured (cspflow.csp.token-url, client-id)");
    }
    Map<String, String> form = new LinkedHashMap<>(grant);
    form.put("client_id", properties.clientId());
    form.put("client_secret", properties.clientSecret());
    form.put("resource", switch (api) {
      case GRAPH -> PartnerCenterProperties.GRAPH_RESOURCE;
      case PARTNER_API -> PartnerCenterProperties.PARTNER_API_RESOURCE;
      case PARTNER_CENTER, SIGN_IN, BILLING_STORAGE -> properties.resource();
    });
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      return http.post().uri(URI.create(properties.tokenUrl()))
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON)
          .body(body)
          .exchange((request, response) -> answer(response.getStatusCode().value(),
              response.getBody().readAllBytes()), true);
    } catch (RestClientException e) {
      throw new CspTechnicalException("Token endpoint not reachable: " + e.getMessage(), e);
    }
  }

  private Answer answer(int status, byte[] content) throws IOException {
    if (status == 200) {
      TokenAnswer token = json.readValue(content, TokenAnswer.class);
      if (blank(token.accessToken())) {
        throw new CspTechnicalException("Token endpoint answered without an access token");
      }
      return new Answer(token, null, 0, null);
    }
    JsonNode error = content.length == 0 ? json.nullNode() : readOrNull(content);
    int code = error.path("error_codes").path(0).asInt(status);
    String reason = error.path("error_description").asText("HTTP " + status).lines().findFirst().orElse("");
    return new Answer(null, error.path("error").asText("HTTP " + status), code, reason);
  }

  private JsonNode readOrNull(byte[] content) {
    try {
      return json.readTree(content);
    } catch (IOException notJson) {
      return json.nullNode();
    }
  }

  /** A refusal that is not the consent's: the app registration or the request is wrong, which a person must fix. */
  private CspTechnicalException refusal(String grantType, Answer answer) {
    LOG.warn("Token endpoint refused the {} grant: {} (AADSTS{})", grantType, answer.error(), answer.code());
    return new CspTechnicalException("Token endpoint refused the " + grantType + " grant: " + answer.error()
        + " (" + answer.reason() + ")");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
