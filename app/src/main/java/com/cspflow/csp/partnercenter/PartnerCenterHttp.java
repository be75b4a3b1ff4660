package com.cspflow.csp.partnercenter;

import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.consent.ConsentStore;
import com.cspflow.csp.partnercenter.CspOperation.Api;
import com.cspflow.csp.partnercenter.CspOperation.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One logical call to Microsoft (Partner Center, Graph or the sign-in metadata): the address and headers its API
 * wants, a bearer token of the grant its {@link CspOperation} names, in-line waits on 429, and the translation of
 * what went wrong into the port's two exceptions.
 *
 * <p>Partner Center: MS-RequestId is the idempotency key: the caller's for changes, a new one per logical call for
 * reads, and the same for every attempt of one call. MS-CorrelationId is new per HTTP request and is logged with the
 * process's business key so that a Microsoft support case can be matched to our process instance. Graph takes a
 * client-request-id per HTTP request instead, logged the same way.
 */
final class PartnerCenterHttp {

  static final String REQUEST_ID = "MS-RequestId";
  static final String CORRELATION_ID = "MS-CorrelationId";
  static final String CONTRACT_VERSION = "MS-Contract-Version";
  static final String CLIENT_REQUEST_ID = "client-request-id";

  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterHttp.class);

  /** What came back; 2xx and 4xx reach the caller, everything else has become an exception. */
  record Answer(int status, HttpHeaders headers, byte[] body) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A call as the client describes it; {@code requestId} is null for reads. {@code page}, when set, is a further page
   * of a list: its address and headers as Microsoft's previous page gave them, instead of the operation's template.
   */
  record Call(CspOperation operation, String requestId, byte[] body, NextPage page, Object... uriVariables) {

    Call(CspOperation operation, String requestId, byte[] body, Object... uriVariables) {
      this(operation, requestId, body, null, uriVariables);
    }

    Call onPage(NextPage next) {
      return new Call(operation, null, null, next, uriVariables);
    }
  }

  /** The next page of a list: Partner Center's {@code links.next} (with its continuation token) or Graph's nextLink. */
  record NextPage(URI uri, Map<String, String> headers) {}

  /** Waits for Retry-After; a seam so tests do not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** More than the job executor and the benchmark clients ever use at once. */
  private static final int MAX_CONNECTIONS = 64;

  private final PartnerCenterProperties properties;
  private final ObjectMapper json;
  private final Sleeper sleeper;
  private final RestClient http;
  private final AccessTokens tokens;
  /** Each operation's address template, parsed once (a call only expands it): the base URLs do not change. */
  private final Map<CspOperation, UriComponents> templates = new ConcurrentHashMap<>();

  PartnerCenterHttp(PartnerCenterProperties properties, ObjectMapper json, Sleeper sleeper, Clock clock,
      ConsentStore consent) {
    this.properties = properties;
    this.json = json;
    this.sleeper = sleeper;
    this.http = RestClient.builder().requestFactory(requestFactory(properties)).build();
    this.tokens = new AccessTokens(properties, http, json, clock, consent);
  }

  /**
   * Apache HttpClient with a connection pool: every job thread keeps its connection to Partner Center, and no
   * thread is started per call (the JDK client does, through CompletableFuture, on a 2-core machine). Retries
   * and redirects are ours to decide, so the library does neither.
   */
  private static HttpComponentsClientHttpRequestFactory requestFactory(PartnerCenterProperties properties) {
    var connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(MAX_CONNECTIONS)
        .setMaxConnPerRoute(MAX_CONNECTIONS)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(properties.connectTimeout()))
            .setSocketTimeout(Timeout.of(properties.readTimeout()))
            .build())
        .build();
    CloseableHttpClient client = HttpClients.custom()
        .setConnectionManager(connections)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .build();
    return new HttpComponentsClientHttpRequestFactory(client);
  }

  /** A new consent was stored: the next app+user call redeems it. */
  ConsentStore.Redemption<Void> tryOutConsent(String refreshToken) {
    return tokens.tryOut(refreshToken);
  }

  void forgetAppAndUserTokens() {
    tokens.forgetAppAndUser();
  }

  Answer send(Call call) {
    String requestId = call.requestId() != null ? call.requestId() : UUID.randomUUID().toString();
    URI uri = call.page() != null ? call.page().uri() : uri(call);
    boolean tokenRenewed = false;
    int throttledAttempts = 0;
    while (true) {
      Answer answer = once(call, uri, requestId);
      Grant grant = call.operation().grant();
      if (answer.status() == 401 && grant != Grant.NONE && !tokenRenewed) {
        tokens.forget(grant, call.operation().api());
        tokenRenewed = true;
      } else if (answer.status() == 401) {
        throw new CspTechnicalException(call.operation() + ": Microsoft does not accept our credentials (HTTP 401)");
      } else if (answer.status() == 429) {
        throttledAttempts++;
        waitOrGiveUp(call, answer, throttledAttempts);
      } else if (answer.status() >= 500 || answer.status() < 200) {
        throw new CspTechnicalException(call.operation() + ": Microsoft answered HTTP " + answer.status());
      } else if (answer.status() >= 300 && answer.status() < 400) {
        throw new CspTechnicalException(call.operation() + ": unexpected redirect HTTP " + answer.status());
      } else {
        return answer;
      }
    }
  }

  /**
   * A refusal with Partner Center's error body {code, description}, or Graph's {error: {code, message}} (the HTTP
   * status is then the code, Graph's code starts the description); without either, the HTTP status is the code.
   */
  CspBusinessException refusal(Call call, Answer answer) {
    int code = answer.status();
    String description = "HTTP " + answer.status();
    try {
      JsonNode error = answer.body().length == 0 ? null : json.readTree(answer.body());
      if (error != null && error.hasNonNull("code")) {
        code = error.get("code").asInt(answer.status());
        description = error.path("description").asText(description);
      } else if (error != null && error.path("error").isObject()) {
        description = error.path("error").path("code").asText("error") + ": "
            + error.path("error").path("message").asText(description);
      }
    } catch (IOException notJson) {
      LOG.debug("{}: error body is not JSON", call.operation());
    }
    return new CspBusinessException(answer.status(), code, description);
  }

  private Answer once(Call call, URI uri, String requestId) {
    CspOperation operation = call.operation();
    String correlationId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    try {
      RestClient.RequestBodySpec request = http.method(operation.method()).uri(uri)
          .header(HttpHeaders.ACCEPT, operation.api() == Api.BILLING_STORAGE
              ? MediaType.APPLICATION_OCTET_STREAM_VALUE : MediaType.APPLICATION_JSON_VALUE);
      if (operation.grant() != Grant.NONE) {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(operation.grant(), operation.api()));
      }
      if (operation.api() == Api.PARTNER_CENTER) {
        request.header(CONTRACT_VERSION, "v1").header(CORRELATION_ID, correlationId).header(REQUEST_ID, requestId);
      } else if (operation.api() == Api.PARTNER_API) {
        request.header(CORRELATION_ID, correlationId).header(REQUEST_ID, requestId);
        if (operation == CspOperation.PRICE_SHEET) {
          // "Get a price sheet": asked for as a compressed file, the sheet comes as a zip of its CSV (PriceSheet).
          request.header(HttpHeaders.ACCEPT_ENCODING, "deflate");
        }
      } else if (operation.api() == Api.GRAPH) {
        request.header(CLIENT_REQUEST_ID, correlationId);
      }
      if (call.page() != null) {
        call.page().headers().forEach(request::header);
      }
      if (call.body() != null) {
        request.contentType(MediaType.APPLICATION_JSON).body(call.body());
      }
      Answer answer = request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
          HttpHeaders.readOnlyHttpHeaders(response.getHeaders()), response.getBody().readAllBytes()), true);
      LOG.info("{} {} {} {} -> {} in {} ms, correlationId={}, requestId={}, businessKey={}", operation.api(),
          operation, operation.method(), operation.uriTemplate(), answer.status(), millisSince(started),
          correlationId, requestId, MDC.get("businessKey"));
      return answer;
    } catch (RestClientException e) {
      // A storage address carries its access signature: neither the log nor the exception (an incident keeps its
      // stack trace) may repeat it.
      boolean signed = operation.api() == Api.BILLING_STORAGE;
      String message = signed ? String.valueOf(e.getMessage()).replaceAll("\\?[^\\s\"]*", "?(signature hidden)")
          : e.getMessage();
      LOG.warn("{} {} {} {} failed after {} ms: {}, correlationId={}, requestId={}, businessKey={}", operation.api(),
          operation, operation.method(), operation.uriTemplate(), millisSince(started), message,
          correlationId, requestId, MDC.get("businessKey"));
      String failure = operation + ": Microsoft not reachable or too slow (correlationId " + correlationId + ")";
      throw signed ? new CspTechnicalException(failure + ": " + message) : new CspTechnicalException(failure, e);
    }
  }

  private void waitOrGiveUp(Call call, Answer answer, int throttledAttempts) {
    Duration wait = retryAfter(answer);
    PartnerCenterProperties.Throttling limits = properties.throttling();
    if (throttledAttempts >= limits.maxAttempts() || wait.compareTo(limits.maxWait()) > 0) {
      throw new CspTechnicalException(call.operation() + ": throttled by Partner Center (Retry-After "
          + wait.toSeconds() + " s, attempt " + throttledAttempts + ")");
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CspTechnicalException(call.operation() + ": interrupted while throttled", e);
    }
  }

  private static Duration retryAfter(Answer answer) {
    String value = answer.headers().getFirst(HttpHeaders.RETRY_AFTER);
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value == null ? "1" : value.trim())));
    } catch (NumberFormatException httpDate) {
      return Duration.ofSeconds(1);
    }
  }

  /**
   * The page after {@code answer}, a page of a list of {@code api}: Partner Center's {@code links.next} (a path on
   * Partner Center, with the headers it names, e.g. MS-ContinuationToken), Graph's {@code @odata.nextLink} (an
   * address on Graph). A next page on another host than the configured one is refused, never followed with our
   * token.
   */
  java.util.Optional<NextPage> nextPage(Call call, JsonNode answer) {
    Api api = call.operation().api();
    if (api == Api.GRAPH) {
      String link = answer.path("@odata.nextLink").asText("");
      return link.isBlank() ? java.util.Optional.empty()
          : java.util.Optional.of(new NextPage(onOurHost(call, api, URI.create(link.trim())), java.util.Map.of()));
    }
    JsonNode next = answer.path("links").path("next");
    String path = next.path("uri").asText("");
    if (path.isBlank()) {
      return java.util.Optional.empty();
    }
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    next.path("headers").forEach(header -> {
      String key = header.path("key").asText("");
      // Only Microsoft's own headers (the continuation token); never one that would replace our credentials.
      if (key.regionMatches(true, 0, "MS-", 0, 3) && !key.equalsIgnoreCase(REQUEST_ID)
          && !key.equalsIgnoreCase(CORRELATION_ID) && !key.equalsIgnoreCase(CONTRACT_VERSION)) {
        headers.put(key, header.path("value").asText(""));
      }
    });
    URI uri = URI.create(path.trim());
    if (!uri.isAbsolute()) {
      String relative = uri.toString().startsWith("/") ? uri.toString() : "/" + uri;
      uri = URI.create(baseUrl(api) + (relative.startsWith("/v1/") ? relative : "/v1" + relative));
    }
    return java.util.Optional.of(new NextPage(onOurHost(call, api, uri), headers));
  }

  private URI onOurHost(Call call, Api api, URI next) {
    URI ours = URI.create(baseUrl(api));
    if (!next.isAbsolute() || !ours.getScheme().equalsIgnoreCase(next.getScheme())
        || !ours.getHost().equalsIgnoreCase(next.getHost()) || ours.getPort() != next.getPort()
        || !next.getPath().startsWith(ours.getPath())) {
      throw new CspTechnicalException(call.operation() + ": the next page of the list is not on " + ours
          + "; not followed");
    }
    return next;
  }

  /**
   * A billing export's file: the manifest's address, followed only on a storage host cspflow trusts
   * ({@code cspflow.csp.billing-storage-hosts}: Azure Blob Storage at Microsoft), over HTTPS unless the host is the
   * machine itself, and never with our token (the address carries its own signature).
   */
  Call exportFile(URI file) {
    String host = file.getHost() == null ? "" : file.getHost().toLowerCase();
    boolean trusted = properties.billingStorageHosts().stream().map(String::toLowerCase)
        .anyMatch(allowed -> host.equals(allowed) || (allowed.startsWith(".") && host.endsWith(allowed)));
    boolean local = host.equals("localhost") || host.equals("127.0.0.1");
    if (!file.isAbsolute() || !trusted || !("https".equalsIgnoreCase(file.getScheme()) || local)) {
      throw new CspTechnicalException(CspOperation.BILLING_EXPORT_FILE + ": the export's file is not on a trusted "
          + "storage host (" + host + "); not downloaded");
    }
    return new Call(CspOperation.BILLING_EXPORT_FILE, null, null, new NextPage(file, java.util.Map.of()));
  }

  /** The operation an export's {@code Location} names, on our Graph host. */
  String exportOperationId(Call call, Answer accepted) {
    String location = accepted.headers().getFirst(HttpHeaders.LOCATION);
    if (location == null || location.isBlank()) {
      throw new CspTechnicalException(call.operation() + ": Microsoft accepted the export without a Location");
    }
    URI uri = onOurHost(call, Api.GRAPH, URI.create(location.trim()));
    String path = uri.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private URI uri(Call call) {
    return templates.computeIfAbsent(call.operation(), operation -> UriComponentsBuilder
        .fromUriString(baseUrl(operation.api()) + operation.uriTemplate()).encode().build())
        .expand(call.uriVariables()).toUri();
  }

  private String baseUrl(Api api) {
    String configured = switch (api) {
      case PARTNER_CENTER -> properties.baseUrl();
      case PARTNER_API -> properties.partnerApiBaseUrl();
      case GRAPH -> properties.graphBaseUrl();
      case SIGN_IN -> properties.loginUrl();
      case BILLING_STORAGE -> throw new CspTechnicalException("Billing export files are read at the address their "
          + "manifest gives");
    };
    if (configured == null || configured.isBlank()) {
      throw new CspTechnicalException("The address of " + api + " is not configured (cspflow.csp.base-url, "
          + "partner-api-base-url, graph-base-url, login-url)");
    }
    return stripTrailingSlash(configured.trim());
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
