package com.cspflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API's authorization server as a client meets it over HTTP: client credentials and nothing else, its tokens
 * naming the configured issuer whatever Host the request sent, and no endpoint answered that does not do what its
 * name says.
 */
@CspflowSpringTest
class OfferedOAuthTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Value("${cspflow.api.issuer}") String issuer;

  @Test
  void aTokenNamesTheConfiguredIssuerWhateverHostTheRequestNamed() throws Exception {
    String form = "grant_type=client_credentials";
    String token = bodyOf(raw("POST /oauth2/token HTTP/1.0\r\nHost: evil.example\r\nAuthorization: Basic "
        + Base64.getEncoder().encodeToString("portal:portal-test-secret".getBytes(StandardCharsets.UTF_8))
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n"
        + form));
    String accessToken = JSON.readTree(token).path("access_token").asText();
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(issuer);

    String metadata = bodyOf(raw("GET /.well-known/oauth-authorization-server HTTP/1.0\r\nHost: evil.example\r\n\r\n"));
    assertThat(metadata).doesNotContain("evil.example").contains("\"issuer\":\"" + issuer + "\"");
  }

  /** The answer to a request written as is: Java's HTTP client sends no Host header of the caller's choosing. */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String bodyOf(String answer) {
    assertThat(answer).startsWith("HTTP/1.1 200");
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void theMetadataListsOnlyWhatIsOffered() throws Exception {
    JsonNode metadata = JSON.readTree(HTTP.send(request("/.well-known/oauth-authorization-server").GET()
        .build(), HttpResponse.BodyHandlers.ofString()).body());

    assertThat(metadata.path("grant_types_supported")).extracting(JsonNode::asText)
        .containsExactly("client_credentials");
    assertThat(metadata.path("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
    assertThat(metadata.has("revocation_endpoint")).isFalse();
    assertThat(metadata.has("introspection_endpoint")).isFalse();
    assertThat(metadata.has("pushed_authorization_request_endpoint")).isFalse();
    assertThat(metadata.has("device_authorization_endpoint")).isFalse();
    assertThat(metadata.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
  }

  @Test
  void revocationIntrospectionAndOtherFlowsAreNotAnsweredAsIfTheyWorked() throws Exception {
    HttpResponse<String> token = post("/oauth2/token", "grant_type=client_credentials", "portal:portal-test-secret");
    String accessToken = JSON.readTree(token.body()).path("access_token").asText();
    for (String path : new String[] {"/oauth2/revoke", "/oauth2/introspect", "/oauth2/par",
        "/oauth2/device_authorization", "/oauth2/authorize"}) {
      HttpResponse<String> answer = post(path, "token=" + accessToken, "portal:portal-test-secret");
      assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(JSON.readTree(answer.body()).path("detail").asText()).isEqualTo(OfferedOAuth.NOT_OFFERED);
    }
    HttpResponse<String> read = HTTP.send(request("/oauth2/token").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(405);
    assertThat(read.headers().firstValue("Allow")).hasValue("POST");
  }

  private HttpResponse<String> post(String path, String form, String basic) throws Exception {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(form))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }
}
