package com.cspflow.csp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Raw HTTP against the sandbox, for what the port does not show: status codes, headers, replays, the admin API. */
final class SandboxApi {

  private final TestRestTemplate http;

  SandboxApi(TestRestTemplate http) {
    this.http = http;
  }

  String token(String grantType) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", grantType);
    form.add("client_id", "cspflow-sandbox");
    form.add("client_secret", "sandbox-secret");
    form.add("refresh_token", "sandbox-refresh-token");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<JsonNode> answer = http.postForEntity("/csp-sandbox/oauth2/token", new HttpEntity<>(form, headers),
        JsonNode.class);
    return answer.getBody().path("access_token").asText();
  }

  ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, String requestId) {
    return callWith(token("client_credentials"), method, path, body, requestId);
  }

  ResponseEntity<JsonNode> callWith(String token, HttpMethod method, String path, Object body, String requestId) {
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
    return http.exchange("/csp-sandbox/v1" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/csp-sandbox/sandbox-admin" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
