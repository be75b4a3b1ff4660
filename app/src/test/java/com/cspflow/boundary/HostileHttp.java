package com.cspflow.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP as a hostile caller sends it: any bytes as the body, any content type, a path sent exactly as written
 * (percent-encoded NUL bytes, 10,000 characters), as any {@link Role}. No retries, no redirects, no conversions.
 */
final class HostileHttp {

  /** What was sent, for the report. */
  record Request(Role role, String method, String path, byte[] body, String contentType, Map<String, String> headers) {

    Request withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Request(role, method, path, body, contentType, more);
    }

    Request as(Role other) {
      return new Request(other, method, path, body, contentType, headers);
    }

    String describe() {
      String shown = path.length() > 120 ? path.substring(0, 120) + "...(" + path.length() + " chars)" : path;
      return role + " " + method + " " + shown;
    }
  }

  record Answer(int status, String contentType, String body, Map<String, String> headers) {

    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<Role, String> authorization = new EnumMap<>(Role.class);
  /** How often a kept-alive connection had been closed under a request. */
  int closedConnections;

  HostileHttp(String base) {
    this.base = base;
  }

  void signIn(Role role, String authorizationHeader) {
    authorization.put(role, authorizationHeader);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static Request get(Role role, String path) {
    return new Request(role, "GET", path, null, null, Map.of());
  }

  static Request json(Role role, String method, String path, byte[] body) {
    return new Request(role, method, path, body, "application/json", Map.of());
  }

  /**
   * Sends the request. Tomcat closes a connection after refusing a request line it cannot parse (10,000 characters);
   * a request the client then sends on that kept-alive connection gets no answer at all and never ran, so it is sent
   * once more on a new connection.
   */
  Answer send(Request request) {
    try {
      return sendOnce(request);
    } catch (UncheckedIOException closed) {
      closedConnections++;
      return sendOnce(request);
    }
  }

  private Answer sendOnce(Request request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
        .timeout(Duration.ofSeconds(60))
        .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    String credentials = authorization.get(request.role());
    if (credentials != null) {
      builder.header("Authorization", credentials);
    }
    request.headers().forEach(builder::header);
    try {
      HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
      return new Answer(response.statusCode(), headers.getOrDefault("content-type", ""),
          new String(response.body(), StandardCharsets.UTF_8), headers);
    } catch (IOException e) {
      throw new UncheckedIOException("No answer to " + request.describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
