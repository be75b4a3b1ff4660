package com.cspflow.partnercenterevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.WebhookRegistration;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Partner Center's webhook against the sandbox over real HTTP: cspflow registers its address (and corrects another
 * one), the sandbox posts Microsoft's own change signed, and cspflow stores it once; a request it cannot prove
 * Partner Center's is refused with 401 and stores nothing, a signed body that is no event is a 400 naming the field.
 */
@CspflowSpringTest
class PartnerCenterEventsTest {

  static final String EXCHANGE_PLAN_1 = "CFQ7TTC0LH16:0001:CFQ7TTC09F3D";

  @Autowired WebhookRegistrar registrar;
  @Autowired PartnerCenterEvents events;
  @Autowired CspPort csp;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  SandboxAdmin sandbox;
  SignedEvents microsoft;

  @BeforeEach
  void setUp() {
    sandbox = new SandboxAdmin();
    sandbox.clearFaults();
    microsoft = new SignedEvents();
  }

  @AfterEach
  void tearDown() {
    sandbox.clearFaults();
    microsoft.close();
  }

  @Test
  void cspflowRegistersItsAddressKeepsOtherEventsAndThenLeavesTheRegistrationAlone() {
    csp.registerWebhook(new WebhookRegistration("https://elsewhere.example.com/hook", List.of("test-created")),
        csp.webhookRegistration().isPresent());
    assertThat(registrar.check("")).isEqualTo(WebhookRegistrar.Outcome.NOT_CONFIGURED);

    assertThat(registrar.check(callbackUrl())).isEqualTo(WebhookRegistrar.Outcome.REGISTERED);

    WebhookRegistration registered = csp.webhookRegistration().orElseThrow();
    assertThat(registered.callbackUrl()).isEqualTo(callbackUrl());
    assertThat(registered.events()).containsExactlyInAnyOrder("subscription-updated", "subscription-renewed",
        "test-created");
    assertThat(registrar.check(callbackUrl())).isEqualTo(WebhookRegistrar.Outcome.UP_TO_DATE);
  }

  @Test
  void whenPartnerCenterFailsTheCheckSaysSoAndTriesAgainLater() {
    sandbox.failAlways("webhook-registration");
    assertThat(registrar.check("https://cspflow.example.com/api/partner-center/events"))
        .isEqualTo(WebhookRegistrar.Outcome.FAILED);
  }

  @Test
  void microsoftsOwnChangeArrivesSignedAndIsStoredWithItsCustomer() {
    registrar.check(callbackUrl());
    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("events"), "Events AB",
        List.of(Map.of("catalogItemId", EXCHANGE_PLAN_1, "quantity", 2)));
    String subscription = csp.subscriptions(tenant).get(0).id();

    sandbox.changedByMicrosoft(tenant, subscription, "suspended");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (eventsOf(tenant) == 0 && System.nanoTime() < deadline) {
      pause();
    }
    Map<String, Object> stored = jdbc.sql("SELECT * FROM partner_center_event WHERE tenant_id = :tenant")
        .param("tenant", tenant).query().singleRow();
    assertThat(stored.get("event_name")).isEqualTo("subscription-updated");
    assertThat((String) stored.get("resource_uri")).endsWith("/customers/" + tenant + "/subscriptions/"
        + subscription);
    assertThat(stored.get("changed_at")).isNotNull();
  }

  /**
   * The README changes a subscription "in Microsoft's portal" with a call to localhost:8090; the event names the
   * sandbox's own address all the same, as Microsoft's name Microsoft's hosts (it named localhost, an address
   * cspflow does not trust, and cspflow refused the event four times).
   */
  @Test
  void aChangeMadeThroughAnotherAddressOfTheSandboxArrivesAllTheSame() {
    registrar.check(callbackUrl());
    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("events"), "Localhost AB",
        List.of(Map.of("catalogItemId", EXCHANGE_PLAN_1, "quantity", 1)));
    String subscription = csp.subscriptions(tenant).get(0).id();
    TestRestTemplate viaLocalhost = new TestRestTemplate(new RestTemplateBuilder()
        .rootUri(SandboxProcess.forTests().adminUrl().replace("127.0.0.1", "localhost"))
        .requestFactory(JdkClientHttpRequestFactory.class)
        .basicAuthentication(SandboxProcess.ADMIN_USER, SandboxProcess.ADMIN_PASSWORD));

    var answer = viaLocalhost.exchange("/customers/" + tenant + "/subscriptions/" + subscription, HttpMethod.PATCH,
        new HttpEntity<>(Map.of("status", "suspended", "byMicrosoft", true)), Void.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (eventsOf(tenant) == 0 && System.nanoTime() < deadline) {
      pause();
    }
    assertThat(eventsOf(tenant)).isEqualTo(1);
  }

  @Test
  void aRequestWithoutPartnerCentersSignatureIsRefusedAndStoresNothing() {
    String tenant = UUID.randomUUID().toString();
    byte[] body = event("subscription-updated", tenant).getBytes(StandardCharsets.UTF_8);

    ResponseEntity<JsonNode> unsigned = post(body, null, null, null);
    ResponseEntity<JsonNode> forged = post(body, SignedEvents.signature("self-signed", body),
        microsoft.certificateUrl("self-signed"), "rsa-sha256");
    ResponseEntity<JsonNode> elsewhere = post(body, SignedEvents.signature("notifications", body),
        "https://attacker.example.com/cert/pc.cer", "rsa-sha256");

    for (ResponseEntity<JsonNode> answer : List.of(unsigned, forged, elsewhere)) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
      assertThat(answer.getBody().path("detail").asText()).startsWith("Not a Partner Center event: ")
          .doesNotContain("Exception", "java.", "com.cspflow");
    }
    assertThat(eventsOf(tenant)).isZero();
  }

  @Test
  void aSignedEventIsStoredOnceHoweverOftenItIsDeliveredAndASignedNonEventIsABadRequest() {
    String tenant = UUID.randomUUID().toString();
    byte[] body = event("subscription-updated", tenant).getBytes(StandardCharsets.UTF_8);
    String signature = SignedEvents.signature("notifications", body);
    String certificate = microsoft.certificateUrl("notifications");

    assertThat(post(body, signature, certificate, "rsa-sha256").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(post(body, signature, certificate, "rsa-sha256").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(eventsOf(tenant)).isEqualTo(1);

    byte[] notAnEvent = "{\"EventName\":5,\"ResourceChangeUtcDate\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> refused = post(notAnEvent, SignedEvents.signature("notifications", notAnEvent),
        certificate, "rsa-sha256");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("problems").path("EventName").asText()).isNotBlank();
    assertThat(refused.getBody().path("problems").path("ResourceUri").asText()).isNotBlank();
    assertThat(refused.getBody().path("problems").path("ResourceChangeUtcDate").asText()).isNotBlank();
    byte[] undated = event("subscription-updated", tenant).replaceAll(",\"ResourceChangeUtcDate\":\"[^\"]*\"", "")
        .getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> withoutDate = post(undated, SignedEvents.signature("notifications", undated),
        certificate, "rsa-sha256");
    assertThat(withoutDate.getStatusCode()).as("a date tells a redelivery from a new change").isEqualTo(
        HttpStatus.BAD_REQUEST);
    assertThat(withoutDate.getBody().path("problems").path("ResourceChangeUtcDate").asText()).contains("required");
    assertThat(eventsOf(tenant)).isEqualTo(1);
    byte[] notJson = "subscription-updated".getBytes(StandardCharsets.UTF_8);
    assertThat(post(notJson, SignedEvents.signature("notifications", notJson), certificate, "rsa-sha256").getBody()
        .path("problems").path("body").asText()).isEqualTo("is not valid JSON");
  }

  @Test
  void otherMethodsOtherMediaTypesAndHugeBodiesAreClearRefusalsNotErrors() {
    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<JsonNode> plain = http.postForEntity(PartnerCenterEventController.PATH,
        new HttpEntity<>("subscription-updated", text), JsonNode.class);
    assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    ResponseEntity<JsonNode> read = http.getForEntity(PartnerCenterEventController.PATH, JsonNode.class);
    assertThat(read.getStatusCode().is4xxClientError()).isTrue();
    byte[] huge = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    ResponseEntity<JsonNode> tooLarge = post(huge, SignedEvents.signature("notifications", huge),
        microsoft.certificateUrl("notifications"), "rsa-sha256");
    assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);

    for (ResponseEntity<JsonNode> answer : List.of(plain, read, tooLarge)) {
      assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
      assertThat(answer.getBody().toString()).doesNotContain("Exception", "java.", "com.cspflow");
    }
    assertThat(microsoft.downloads).hasValue(0);
  }

  @Test
  void eventsAreKeptAsLongAsPartnerCenterKeepsItsActivityLog() {
    String tenant = UUID.randomUUID().toString();
    java.time.Instant now = java.time.Instant.now();
    for (java.time.Duration age : List.of(PartnerCenterEvents.KEPT_FOR.plusHours(1),
        PartnerCenterEvents.KEPT_FOR.minusHours(1))) {
      jdbc.sql("INSERT INTO partner_center_event (event_name, resource_uri, tenant_id, changed_at, received_at) "
              + "VALUES ('subscription-updated', :uri, :tenant, :at, :at)")
          .param("uri", "https://api.partnercenter.microsoft.com/webhooks/v1/customers/" + tenant + "/subscriptions/"
              + UUID.randomUUID()).param("tenant", tenant)
          .param("at", java.sql.Timestamp.from(now.minus(age))).update();
    }

    assertThat(events.forgetOld()).isGreaterThanOrEqualTo(1);

    assertThat(jdbc.sql("SELECT received_at FROM partner_center_event WHERE tenant_id = :tenant")
        .param("tenant", tenant).query(java.sql.Timestamp.class).list()).singleElement()
        .satisfies(kept -> assertThat(kept.toInstant()).isAfter(now.minus(PartnerCenterEvents.KEPT_FOR)));
  }

  private ResponseEntity<JsonNode> post(byte[] body, String authorization, String certificateUrl, String algorithm) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (authorization != null) {
      headers.set(HttpHeaders.AUTHORIZATION, authorization);
    }
    if (certificateUrl != null) {
      headers.set("X-MS-Certificate-Url", certificateUrl);
    }
    if (algorithm != null) {
      headers.set("X-MS-Signature-Algorithm", algorithm);
    }
    return http.postForEntity(PartnerCenterEventController.PATH, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static String event(String name, String tenant) {
    return "{\"EventName\":\"" + name + "\",\"ResourceUri\":\"https://api.partnercenter.microsoft.com/webhooks/v1/"
        + "customers/" + tenant + "/subscriptions/" + UUID.randomUUID() + "\",\"ResourceName\":\"subscription\","
        + "\"AuditUri\":null,\"ResourceChangeUtcDate\":\"2026-11-16T16:19:06.3520276+00:00\"}";
  }

  private int eventsOf(String tenant) {
    return jdbc.sql("SELECT COUNT(*) FROM partner_center_event WHERE tenant_id = :tenant").param("tenant", tenant)
        .query(Integer.class).single();
  }

  private String callbackUrl() {
    return "http://127.0.0.1:" + port + PartnerCenterEventController.PATH;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
