package com.cspflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Refusals that no controller explains, tried over HTTP as a browser, a careless integration or a scanner would send
 * them: every one is problem details with a sentence, never an HTML error page or an empty body.
 */
@CspflowSpringTest
class ProblemErrorPagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void aBrowserAskingForHtmlGetsProblemDetailsNotSpringBootsWhitelabelPage() throws Exception {
    assertProblem(send("GET", "/api/no-such-thing", "text/html,application/xhtml+xml,*/*;q=0.8"), 404,
        "There is nothing here");
    assertProblem(send("GET", "/api/catalog/refresh", "text/html"), 405,
        "This path does not offer this method");
  }

  @Test
  void aReadOfACollectionThatOnlyTakesPostsIsMethodNotAllowed() throws Exception {
    for (String path : new String[] {"/api/billing/runs", "/api/billing/reconciliations"}) {
      HttpResponse<String> answer = send("GET", path, null);
      assertProblem(answer, 405, "This path does not offer this method");
      assertThat(answer.headers().firstValue("Allow")).as(path).hasValue("POST");
    }
    assertThat(send("GET", "/api/billing/2026-13", null).statusCode()).as("a period is still read as one")
        .isEqualTo(400);
  }

  @Test
  void aQueryParameterTheOperationDoesNotTakeIsRefusedNamingIt() throws Exception {
    JsonNode problem = assertProblem(send("GET", "/api/catalog?fo%6f=1", null), 400,
        "foo is not a parameter of this operation, which takes none");
    assertThat(problem.path("problems").has("foo")).isTrue();
    assertThat(send("GET", "/api/catalog", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theErrorPageAskedForAsAPathIsNotFoundNotAFailure() throws Exception {
    for (String method : new String[] {"GET", "POST", "DELETE"}) {
      assertProblem(send(method, "/error", null), 404, "There is nothing here");
    }
  }

  @Test
  void anAcceptHeaderThatIsNoMediaTypeIsRefusedNamingTheHeader() throws Exception {
    for (String path : new String[] {"/api/catalog", "/api/no-such-thing", "/engine-rest/process-definition"}) {
      HttpResponse<String> answer = send("GET", path, "nonsense");
      JsonNode problem = assertProblem(answer, 400, "The Accept header must be a list of media types, such as "
          + "application/json");
      assertThat(problem.path("problems").path("Accept").asText()).isNotBlank();
    }
    assertThat(send("GET", "/api/catalog", "application/json;q=0.9, */*").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/catalog", "*").statusCode()).isEqualTo(200);
  }

  @Test
  void aMethodNoPathOffersIs405NamingTheOffered() throws Exception {
    for (String method : new String[] {"TRACE", "PROPFIND", "CONNECT-ME"}) {
      HttpResponse<String> answer = send(method, "/api/catalog", null);
      JsonNode problem = assertProblem(answer, 405, "This path does not offer this method");
      assertThat(problem.path("instance").asText()).isEqualTo("/api/catalog");
      assertThat(answer.headers().firstValue("Allow")).hasValue("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    }
  }

  @Test
  void headAndOptionsAskWhatGetWouldAndAreAnsweredToWhoeverMayGet() throws Exception {
    assertThat(send("GET", "/api/catalog", null).statusCode()).isEqualTo(200);
    HttpResponse<String> head = send("HEAD", "/api/catalog", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    HttpResponse<String> options = send("OPTIONS", "/api/catalog", null);
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.headers().firstValue("Allow").orElse("")).contains("GET");
    assertThat(send("OPTIONS", "/api/partners/no-such-partner/orders", null).statusCode())
        .as("no more told of a partner than GET tells").isEqualTo(404);
    assertThat(send("OPTIONS", "/api/partners/partner-1/orders", null).statusCode()).isEqualTo(200);

    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/catalog")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void optionsRefusesAMalformedPartnerIdAsGetDoes() throws Exception {
    for (String id : new String[] {"bad+id", "bad%20id", "-starts-with-a-hyphen"}) {
      HttpResponse<String> get = send("GET", "/api/partners/" + id + "/orders", null);
      JsonNode refusal = assertProblem(send("OPTIONS", "/api/partners/" + id + "/orders", null), 400,
          JSON.readTree(get.body()).path("detail").asText());
      assertThat(get.statusCode()).as(get.body()).isEqualTo(400);
      assertThat(refusal.path("problems").path("partnerId").asText()).as(id)
          .isEqualTo(JSON.readTree(get.body()).path("problems").path("partnerId").asText()).isNotEmpty();
    }
  }

  @Test
  void aCrossOriginRequestIsRefusedAsProblemDetails() throws Exception {
    HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/catalog"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8)))
        .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST").build();
    assertProblem(HTTP.send(preflight, HttpResponse.BodyHandlers.ofString()), 403, CrossOriginRefusals.DETAIL);
    HttpResponse<String> sameOrigin = send("OPTIONS", "/api/catalog", null);
    assertThat(sameOrigin.statusCode()).as("no preflight: as before").isEqualTo(200);
  }

  @Test
  void aPathTheFirewallRefusesIsAMalformedRequestWithASentence() throws Exception {
    for (String path : new String[] {"/api/catalog;jsessionid=1", "/api/%2e%2e/api/catalog", "/api/catalog%5c",
        "/engine-rest;x=1/task", "/engine-rest;jsessionid=abc/task", "/camunda/api/engine;x/engine",
        "/api/../engine-rest/task", "/api/x/../../engine-rest/version"}) {
      assertProblem(send("GET", path, null), 400, ProblemErrorPages.detail(400));
      HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertProblem(anonymous, 400, ProblemErrorPages.detail(400));
    }
  }

  @Test
  void aBodyOfAWildcardOrUnreadableContentTypeIsRefusedNamingTheHeader() throws Exception {
    // no media type at all is a malformed header (400); a type, or a character set, this server cannot read is 415
    Map<String, Integer> statusOf = Map.of("*/*", 415, "application/*", 415, "*", 415, "nonsense", 400,
        "application/json;charset=nope", 415, "application/json; charset=\"x-unknown\"", 415, "text/plain", 415);
    for (String contentType : statusOf.keySet()) {
      for (String path : contentType.equals("text/plain") ? new String[] {"/api/billing/runs"}
          : new String[] {"/api/billing/runs", "/engine-rest/process-definition/key/x/start"}) {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", contentType)
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s: %s", path, contentType, answer.body())
            .isEqualTo(statusOf.get(contentType));
        assertThat(answer.body()).as("%s %s", path, contentType).doesNotContain("Exception").doesNotContain("\tat ");
        if (path.startsWith("/api")) {
          assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
          assertThat(JSON.readTree(answer.body()).path("problems").has("Content-Type")).as(answer.body()).isTrue();
        }
      }
    }
    HttpResponse<String> readWithoutBody = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/catalog")).GET().header("Content-Type", "*/*").header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(readWithoutBody.statusCode()).as("a read has no body to read").isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotWellFormedUtf8IsRefusedNamingTheField() throws Exception {
    // C0 BC and C0 BE are overlong forms of '<' and '>', which a lenient decoder reads as those characters
    byte[] overlong = {'{', '"', 'f', 'u', 'l', 'l', 'S', 'w', 'e', 'e', 'p', '"', ':', 't', 'r', 'u', 'e', ',',
        '"', 'p', 'e', 'r', 'i', 'o', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xBC, 'x', (byte) 0xC0, (byte) 0xBE,
        '"', '}'};
    HttpResponse<String> answer = postAs("admin:admin", "/api/billing/runs", overlong);
    JsonNode problem = assertProblem(answer, 400, "period " + StrictUtf8Bodies.PROBLEM);
    assertThat(problem.path("problems").path("period").asText()).isEqualTo(StrictUtf8Bodies.PROBLEM);
    assertThat(postAs("owner:owner", "/api/billing/runs", overlong).statusCode())
        .as("who may not start a run learns nothing about the body").isEqualTo(403);
    HttpResponse<String> readable = postAs("admin:admin", "/api/billing/runs",
        "{\"period\":\"Lt<x>\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(readable.body()).as("read as before: the period is refused by its own check")
        .contains("period").doesNotContain(StrictUtf8Bodies.PROBLEM);
  }

  private HttpResponse<String> postAs(String user, String path, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCompressedBodyIsRefusedNamingContentEncoding() throws Exception {
    for (String encoding : new String[] {"gzip", "br"}) {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/billing/runs")).POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"2026-01\"}"))
          .header("Content-Type", "application/json").header("Content-Encoding", encoding)
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode problem = assertProblem(answer, 415,
          "The Content-Encoding header " + ReadableMediaTypes.CONTENT_ENCODING_PROBLEM);
      assertThat(problem.path("problems").has("Content-Encoding")).as(encoding).isTrue();
    }
  }

  @Test
  void theApiSpeaksJsonNotYaml() throws Exception {
    HttpResponse<String> yamlBody = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/billing/runs")).POST(HttpRequest.BodyPublishers.ofString("period: 2026-01\nfullSweep: 0x1\n"))
        .header("Content-Type", "application/yaml").header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(yamlBody.statusCode()).as(yamlBody.body()).isEqualTo(415);
    assertThat(JSON.readTree(yamlBody.body()).path("problems").has("Content-Type")).as(yamlBody.body()).isTrue();
    assertThat(yamlBody.body()).as("no longer offered").doesNotContain("yaml");
    assertThat(send("GET", "/api/catalog", "application/yaml").statusCode()).isEqualTo(406);
    HttpResponse<String> description = send("GET", "/api/openapi.yaml", null);
    assertThat(description.statusCode()).isEqualTo(200);
    assertThat(description.body()).startsWith("openapi:");
  }

  @Test
  void aMultipartBodyWithoutItsBoundaryIsRefusedNamingTheHeader() throws Exception {
    for (String path : new String[] {"/api/billing/runs", "/api/no-such-thing", "/engine-rest/deployment/create"}) {
      for (String method : new String[] {"POST", "GET"}) {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "multipart/form-data").header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isBetween(400, 499);
        assertThat(answer.body()).as("%s %s", method, path).doesNotContain("Exception").doesNotContain("\tat ");
        if (method.equals("POST")) {
          assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(400);
          assertThat(JSON.readTree(answer.body()).path("problems").has("Content-Type")).as(answer.body()).isTrue();
        }
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("backoffice:backoffice".getBytes(StandardCharsets.UTF_8)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode assertProblem(HttpResponse<String> answer, int status, String detail) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isEqualTo(detail);
    return problem;
  }
}
