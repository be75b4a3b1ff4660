package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Partner Center's webhooks: the partner registers an address with Partner Center's token; a change in Microsoft's
 * portal, and one Microsoft makes itself (which the activity log does not record), reach that address as
 * {@code subscription-updated}, in Microsoft's shape, signed by the certificate the event names.
 */
@SandboxSpringTest
class SandboxWebhooksTest {

  record Delivery(byte[] body, String authorization, String certificateUrl, String algorithm) {}

  @LocalServerPort int port;
  SandboxClient sandbox;
  HttpServer receiver;
  BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  @BeforeEach
  void receiver() throws IOException {
    sandbox = new SandboxClient(port);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      deliveries.add(new Delivery(exchange.getRequestBody().readAllBytes(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("X-MS-Certificate-Url"),
          exchange.getRequestHeaders().getFirst("X-MS-Signature-Algorithm")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    sandbox.webhookRegistration(sandbox.appOnly(PARTNER_CENTER), HttpMethod.DELETE, null);
  }

  @AfterEach
  void stop() {
    sandbox.webhookRegistration(sandbox.appOnly(PARTNER_CENTER), HttpMethod.DELETE, null);
    receiver.stop(0);
  }

  @Test
  void theRegistrationTakesPartnerCentersTokenAndIsOnePerPartner() {
    String token = sandbox.appOnly(PARTNER_CENTER);
    assertThat(sandbox.webhookRegistration(null, HttpMethod.GET, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(sandbox.webhookRegistration(token, HttpMethod.GET, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    Map<String, Object> webhook = Map.of("WebhookUrl", address(), "WebhookEvents", List.of("subscription-updated"));
    ResponseEntity<JsonNode> registered = sandbox.webhookRegistration(token, HttpMethod.POST, webhook);
    assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(registered.getBody().path("SubscriberId").asText()).isNotBlank();
    assertThat(sandbox.webhookRegistration(token, HttpMethod.POST, webhook).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(sandbox.webhookRegistration(token, HttpMethod.PUT, Map.of("WebhookUrl", address(), "WebhookEvents",
        List.of("subscription-updated", "subscription-renewed"))).getBody().path("WebhookEvents").size()).isEqualTo(2);
    assertThat(sandbox.webhookRegistration(token, HttpMethod.GET, null).getBody().path("WebhookUrl").asText())
        .isEqualTo(address());
    assertThat(sandbox.webhookRegistration(token, HttpMethod.PUT, Map.of("WebhookUrl", "not an address",
        "WebhookEvents", List.of("subscription-updated"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void microsoftsOwnChangeAndAPortalChangeArePostedSigned() throws Exception {
    String token = sandbox.appOnly(PARTNER_CENTER);
    sandbox.webhookRegistration(token, HttpMethod.POST, Map.of("WebhookUrl", address(), "WebhookEvents",
        List.of("subscription-updated")));
    String prefix = "hook" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    JsonNode seeded = sandbox.admin(HttpMethod.POST, "/tenants", Map.of("domain", prefix, "companyName", "Hook AB",
        "relationshipToPartner", "reseller", "agreementConfirmed", true, "subscriptions",
        List.of(Map.of("catalogItemId", SandboxActivityLogTest.BUSINESS_BASIC, "quantity", 3)))).getBody();
    String tenant = seeded.path("tenantId").asText();
    String subscription = seeded.path("subscriptions").get(0).path("id").asText();

    assertThat(sandbox.admin(HttpMethod.PATCH, "/customers/" + tenant + "/subscriptions/" + subscription,
        Map.of("status", "suspended", "byMicrosoft", true)).getStatusCode().is2xxSuccessful()).isTrue();
    Delivery suspended = deliveries.poll(20, TimeUnit.SECONDS);
    assertThat(suspended).as("the event of Microsoft's suspension").isNotNull();
    JsonNode event = new ObjectMapper().readTree(suspended.body());
    assertThat(event.path("EventName").asText()).isEqualTo("subscription-updated");
    assertThat(event.path("ResourceName").asText()).isEqualTo("subscription");
    assertThat(event.path("ResourceUri").asText())
        .endsWith("/webhooks/v1/customers/" + tenant + "/subscriptions/" + subscription);
    assertThat(event.path("ResourceChangeUtcDate").asText()).endsWith("Z");
    assertThat(suspended.algorithm()).isEqualTo("rsa-sha256");
    assertThat(suspended.certificateUrl()).as("on the sandbox's own host")
        .endsWith(":" + port + SandboxWebhooks.CERTIFICATE_PATH);
    X509Certificate certificate = certificate(suspended.certificateUrl());
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=pcnotifications-dispatch.microsoft.com");
    assertThat(verifies(certificate, suspended)).as("signed by the certificate's key").isTrue();
    byte[] tampered = suspended.body().clone();
    tampered[tampered.length - 2] ^= 1;
    assertThat(verifies(certificate, new Delivery(tampered, suspended.authorization(), null, null))).isFalse();
    assertThat(sandbox.auditRecords(token, java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), tenant).getBody().path("items").size())
        .as("Microsoft's own change is not in the activity log").isZero();

    sandbox.admin(HttpMethod.PATCH, "/customers/" + tenant + "/subscriptions/" + subscription, Map.of("quantity", 4));
    Delivery changed = deliveries.poll(20, TimeUnit.SECONDS);
    assertThat(changed).as("the event of the portal's change").isNotNull();
    assertThat(new ObjectMapper().readTree(changed.body()).path("ResourceUri").asText()).contains(subscription);
    assertThat(sandbox.auditRecords(token, java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), tenant).getBody().path("items").size()).isEqualTo(1);
  }

  private String address() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
  }

  private static X509Certificate certificate(String url) throws Exception {
    HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(answer.body()));
  }

  private static boolean verifies(X509Certificate certificate, Delivery delivery) throws Exception {
    assertThat(delivery.authorization()).startsWith("Signature ");
    Signature check = Signature.getInstance("SHA256withRSA");
    check.initVerify(certificate.getPublicKey());
    check.update(delivery.body());
    return check.verify(Base64.getDecoder().decode(delivery.authorization().substring("Signature ".length())));
  }
}
