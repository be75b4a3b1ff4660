package com.cspflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Raw HTTP against the sandbox under test, as Partner Center's, Graph's and Azure AD's clients call it: the JDK
 * client, which neither retries nor throws on a 4xx, so every answer comes back as it was sent.
 */
final class SandboxClient {

  static final String TENANT_ID = "6f0f8e7c-5a4b-4c3d-9e2f-1a2b3c4d5e6f";
  static final String CLIENT_ID = "sandbox-test-app";
  static final String CLIENT_SECRET = "sandbox-test-secret";
  static final String CONFIGURED_REFRESH_TOKEN = "sandbox-test-first-refresh-token";
  static final String ADMIN_USER = "sandbox-test-admin";
  static final String ADMIN_PASSWORD = "sandbox-test-admin-password";
  static final String PARTNER_CENTER = "https://api.partnercenter.microsoft.com";
  static final String GRAPH = "https://graph.microsoft.com";
  /** Microsoft's Partner API (api.partner.microsoft.com): the price sheets. */
  static final String PARTNER_API = "https://api.partner.microsoft.com";

  /** A consent made through the admin endpoint, and its first refresh token. */
  record Consent(String id, String refreshToken) {}

  private final TestRestTemplate http;
  private final TestRestTemplate admin;
  private final String root;

  SandboxClient(int port) {
    this.root = "http://localhost:" + port;
    this.http = new TestRestTemplate(new RestTemplateBuilder().rootUri(root)
        .requestFactory(JdkClientHttpRequestFactory.class));
    this.admin = new TestRestTemplate(new RestTemplateBuilder().rootUri(root + "/sandbox-admin")
        .requestFactory(JdkClientHttpRequestFactory.class).basicAuthentication(ADMIN_USER, ADMIN_PASSWORD));
  }

  /** The token endpoint with this form, as the client sends it (client id and secret included when given). */
  ResponseEntity<JsonNode> token(String tenant, MultiValueMap<String, String> form, HttpHeaders headers) {
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity("/" + tenant + "/oauth2/token", new HttpEntity<>(form, headers), JsonNode.class);
  }

  /** Entra's public sign-in metadata of the tenant with this domain (or id), without credentials. */
  ResponseEntity<JsonNode> signInMetadata(String tenant) {
    return http.getForEntity("/" + tenant + "/.well-known/openid-configuration", JsonNode.class);
  }

  ResponseEntity<JsonNode> token(MultiValueMap<String, String> form) {
    return token(TENANT_ID, form, new HttpHeaders());
  }

  static MultiValueMap<String, String> form(String grantType, String resource, String refreshToken) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", grantType);
    form.add("client_id", CLIENT_ID);
    form.add("client_secret", CLIENT_SECRET);
    if (resource != null) {
      form.add("resource", resource);
    }
    if (refreshToken != null) {
      form.add("refresh_token", refreshToken);
    }
    return form;
  }

  String appOnly(String resource) {
    return accessToken(token(form("client_credentials", resource, null)));
  }

  /** An app+user token of a new consent with MFA. */
  String appAndUser(String resource) {
    return accessToken(redeem(consent(true).refreshToken(), resource));
  }

  ResponseEntity<JsonNode> redeem(String refreshToken, String resource) {
    return token(form("refresh_token", resource, refreshToken));
  }

  Consent consent(boolean mfa) {
    ResponseEntity<JsonNode> created = admin(HttpMethod.POST, "/consents", Map.of("mfa", mfa));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return new Consent(created.getBody().path("consentId").asText(), created.getBody().path("refreshToken").asText());
  }

  /** Partner Center, {@code /v1} + {@code path}, with this bearer token (none when null). */
  ResponseEntity<JsonNode> partnerCenter(String token, HttpMethod method, String path, Object body) {
    return partnerCenter(token, method, path, body, UUID.randomUUID().toString());
  }

  /** The same with the idempotency key {@code requestId}: a second call with it replays the first answer. */
  ResponseEntity<JsonNode> partnerCenter(String token, HttpMethod method, String path, Object body,
      String requestId) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    headers.set("MS-Contract-Version", "v1");
    headers.set("MS-CorrelationId", UUID.randomUUID().toString());
    headers.set("MS-RequestId", requestId);
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange("/v1" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** Partner Center's webhook registration, {@code /webhooks/v1/registration}, with this bearer token. */
  ResponseEntity<JsonNode> webhookRegistration(String token, HttpMethod method, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange("/webhooks/v1/registration", method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** The license-based price sheet of {@code market} ({@code query}: timeline and month), as CSV text. */
  ResponseEntity<String> priceSheet(String token, String market, String query) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.set(HttpHeaders.ACCEPT_ENCODING, "identity");
    return http.exchange("/v1.0/sales/pricesheets(Market='" + market + "',PricesheetView='updatedlicensebased')/$value?"
        + query, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  /** The same sheet asked for as a compressed file ({@code Accept-Encoding: deflate}): the zip file's bytes. */
  ResponseEntity<byte[]> priceSheetZipped(String token, String market, String query) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.set(HttpHeaders.ACCEPT_ENCODING, "deflate");
    return http.exchange("/v1.0/sales/pricesheets(Market='" + market + "',PricesheetView='updatedlicensebased')/$value?"
        + query, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
  }

  /** The activity log from {@code startDate}, of one customer's records (Microsoft's field filter) when given. */
  ResponseEntity<JsonNode> auditRecords(String token, String startDate, String customerId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    String query = "startDate=" + startDate + (customerId == null ? "" : "&filter=" + java.net.URLEncoder.encode(
        "{\"Field\":\"CustomerId\",\"Value\":\"" + customerId + "\",\"Operator\":\"equals\"}",
        java.nio.charset.StandardCharsets.UTF_8));
    return http.exchange(java.net.URI.create(root + "/v1/auditrecords?" + query), HttpMethod.GET,
        new HttpEntity<>(headers), JsonNode.class);
  }

  /** Microsoft Graph, {@code /graph/v1.0} + {@code path}, with this bearer token. */
  ResponseEntity<JsonNode> graph(String token, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange("/graph/v1.0" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return admin.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** A new customer created by the partner (app-only), with its first user admin@domain. */
  JsonNode newCustomer() {
    String prefix = "sbx" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    ResponseEntity<JsonNode> created = partnerCenter(appOnly(PARTNER_CENTER), HttpMethod.POST, "/customers", Map.of(
        "companyProfile", Map.of("domain", prefix + ".onmicrosoft.com"),
        "billingProfile", Map.of("email", "anna@example.com", "companyName", "Sandbox AB " + prefix,
            "culture", "sv-SE", "language", "sv",
            "defaultAddress", Map.of("country", "SE", "firstName", "Anna", "lastName", "Admin"))));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody();
  }

  static String accessToken(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode()).as("token endpoint: %s", answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody().path("access_token").asText();
  }
}
