package com.cspflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The marketplace's portal as an integration of the cluster: its API client's token, calls to whichever node is
 * up, and a POST that was cut off (a node died under it) sent again to another node with the same Idempotency-Key,
 * as a portal retries.
 */
final class PortalClient {

  record Answer(int status, JsonNode body) {}

  private final Supplier<List<NodeProcess>> nodes;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger retriedAfterCutOff = new AtomicInteger();
  private volatile String token;

  PortalClient(Supplier<List<NodeProcess>> nodes) {
    this.nodes = nodes;
  }

  int retriedAfterCutOff() {
    return retriedAfterCutOff.get();
  }

  Answer get(String path) {
    return call(path, null, null, null);
  }

  Answer post(String path, Object body, String idempotencyKey) {
    return call(path, body, idempotencyKey, null);
  }

  /** A person's call (HTTP Basic), e.g. the back office asking for the monthly update on one node. */
  Answer postAs(NodeProcess node, String user, String path, Object body) {
    return send(node, path, body, null, "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
        .getBytes(StandardCharsets.UTF_8)));
  }

  private Answer call(String path, Object body, String idempotencyKey, String authorization) {
    for (int attempt = 0; attempt < 60; attempt++) {
      List<NodeProcess> up = nodes.get();
      NodeProcess node = up.get(Math.floorMod(next.getAndIncrement(), up.size()));
      try {
        Answer answer = send(node, path, body, idempotencyKey, authorization == null ? "Bearer " + token(node)
            : authorization);
        if (answer.status() == 401) {
          token = null;
          continue;
        }
        if (answer.status() == 409 && idempotencyKey != null && answer.body().path("detail").asText()
            .contains("still being processed")) {
          sleep(500);
          continue;
        }
        if (answer.status() >= 500 || answer.status() == 503) {
          sleep(500);
          continue;
        }
        return answer;
      } catch (CutOff cutOff) {
        if (body != null) {
          retriedAfterCutOff.incrementAndGet();
        }
        sleep(500);
      }
    }
    throw new IllegalStateException("No node answered " + path + " after 60 attempts");
  }

  private String token(NodeProcess node) {
    String current = token;
    if (current == null) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/oauth2/token"))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("portal:portal-secret"
              .getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
      current = exchange(request).body().path("access_token").asText();
      token = current;
    }
    return current;
  }

  private Answer send(NodeProcess node, String path, Object body, String idempotencyKey, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (body == null) {
      request.GET();
    } else {
      try {
        request.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return exchange(request.build());
  }

  private Answer exchange(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
      return new Answer(response.statusCode(), body);
    } catch (IOException cutOff) {
      throw new CutOff();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CutOff();
    }
  }

  /** The node did not answer: it died, or was dying, under the request. */
  private static final class CutOff extends RuntimeException {
    CutOff() {
      super(null, null, false, false);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
