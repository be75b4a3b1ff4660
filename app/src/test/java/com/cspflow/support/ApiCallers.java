package com.cspflow.support;

import com.cspflow.platform.security.ApiClients;
import com.cspflow.platform.security.ApiRole;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The project API's callers as the tests play them: the marketplace's portal and partners' systems with API clients
 * of their own (a bearer token from /oauth2/token, client credentials), and people with HTTP Basic.
 */
@Component
public class ApiCallers {

  public static final String PORTAL = "portal";
  public static final String PORTAL_SECRET = "portal-test-secret";

  private final ObjectProvider<TestRestTemplate> httpProvider;
  private final ApiClients clients;
  private final Map<String, String> secrets = new ConcurrentHashMap<>(Map.of(PORTAL, PORTAL_SECRET));
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** The test's own HTTP client exists in tests only (the application under test-run scans this class too). */
  public ApiCallers(ObjectProvider<TestRestTemplate> http, ApiClients clients) {
    this.httpProvider = http;
    this.clients = clients;
  }

  private TestRestTemplate http() {
    return httpProvider.getObject();
  }

  /** The marketplace's portal: acts for any partner. */
  public TestRestTemplate portal() {
    return bearer(token(PORTAL));
  }

  /** The system of {@code partnerId}, with a client of its own registered on first use. */
  public TestRestTemplate partner(String partnerId) {
    return bearer(token(partnerClient(partnerId)));
  }

  /** The client id of the partner's system. */
  public String partnerClient(String partnerId) {
    String clientId = "system-of-" + partnerId;
    secrets.computeIfAbsent(clientId, id -> clients.register(id, "System of " + partnerId, ApiRole.PARTNER,
        partnerId, "test").clientSecret());
    return clientId;
  }

  public TestRestTemplate person(String user) {
    return http().withBasicAuth(user, user);
  }

  public TestRestTemplate backoffice() {
    return person("backoffice");
  }

  public TestRestTemplate owner() {
    return person("owner");
  }

  public TestRestTemplate admin() {
    return http().withBasicAuth("admin", "admin");
  }

  public TestRestTemplate anonymous() {
    return http();
  }

  /** An access token for the client: client credentials at /oauth2/token, as an integration gets one. */
  public String token(String clientId) {
    return tokens.computeIfAbsent(clientId, id -> {
      ResponseEntity<JsonNode> answer = tokenRequest(id, secrets.get(id));
      if (!answer.getStatusCode().is2xxSuccessful()) {
        throw new IllegalStateException("No token for " + id + ": " + answer.getStatusCode());
      }
      return answer.getBody().path("access_token").asText();
    });
  }

  public ResponseEntity<JsonNode> tokenRequest(String clientId, String secret) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", "client_credentials");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.setBasicAuth(clientId, secret == null ? "" : secret);
    return http().postForEntity("/oauth2/token", new HttpEntity<>(form, headers), JsonNode.class);
  }

  public TestRestTemplate bearer(String token) {
    return new TestRestTemplate(new RestTemplateBuilder().rootUri(http().getRootUri())
        .requestFactory(JdkClientHttpRequestFactory.class)
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
  }

  /** A JSON body, for POSTs. */
  public static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /** A JSON body with an Idempotency-Key. */
  public static HttpEntity<Object> json(Object body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", idempotencyKey);
    return new HttpEntity<>(body, headers);
  }
}
