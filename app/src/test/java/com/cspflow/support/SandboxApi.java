package com.cspflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Raw HTTP against the sandbox, for what the port does not show: status codes, headers, replays, the admin API. */
public final class SandboxApi {

  private final TestRestTemplate http;
  private final TestRestTemplate admin;

  public SandboxApi() {
    this(SandboxProcess.forTests());
  }

  public SandboxApi(SandboxProcess sandbox) {
    this.http = new TestRestTemplate(new RestTemplateBuilder().rootUri(sandbox.baseUrl())
        .requestFactory(JdkClientHttpRequestFactory.class));
    this.admin = SandboxAdmin.adminClient(sandbox);
  }

  /** The sandbox without credentials, for the token endpoint and anonymous calls. */
  public TestRestTemplate http() {
    return http;
  }

  /**
   * A Partner Center access token: app-only for {@code client_credentials}; for {@code refresh_token}, app+user from a
   * consent made for this call (the configured consent is the application's, and rotates as it uses it).
   */
  public String token(String grantType) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", grantType);
    form.add("client_id", SandboxProcess.CLIENT_ID);
    form.add("client_secret", SandboxProcess.CLIENT_SECRET);
    form.add("resource", "https://api.partnercenter.microsoft.com");
    if ("refresh_token".equals(grantType)) {
      form.add("refresh_token", newConsent(true));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<JsonNode> answer = http.postForEntity("/" + SandboxProcess.TENANT_ID + "/oauth2/token",
        new HttpEntity<>(form, headers), JsonNode.class);
    return answer.getBody().path("access_token").asText();
  }

  /** Redeems a refresh token at the sandbox's token endpoint, as any client could: its raw answer. */
  public ResponseEntity<JsonNode> redeem(String refreshToken) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", "refresh_token");
    form.add("client_id", SandboxProcess.CLIENT_ID);
    form.add("client_secret", SandboxProcess.CLIENT_SECRET);
    form.add("resource", "https://api.partnercenter.microsoft.com");
    form.add("refresh_token", refreshToken);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity("/" + SandboxProcess.TENANT_ID + "/oauth2/token", new HttpEntity<>(form, headers),
        JsonNode.class);
  }

  /** A partner user consents (Secure Application Model), with MFA or without; the first refresh token of it. */
  public String newConsent(boolean mfa) {
    return admin(HttpMethod.POST, "/consents", java.util.Map.of("mfa", mfa)).getBody().path("refreshToken").asText();
  }

  public ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, String requestId) {
    return callWith(token("client_credentials"), method, path, body, requestId);
  }

  public ResponseEntity<JsonNode> callWith(String token, HttpMethod method, String path, Object body, String requestId) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    headers.set("MS-Contract-Version", "v1");
    headers.set("MS-CorrelationId", UUID.randomUUID().toString());
    headers.set("MS-RequestId", requestId == null ? UUID.randomUUID().toString() : requestId);
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange("/v1" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  public ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return admin.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
