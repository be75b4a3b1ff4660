package com.cspflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Partner Center's webhooks: the partner's registration (its address and events) and the events themselves, posted
 * as Microsoft posts them: {@code {EventName, ResourceUri, ResourceName, AuditUri, ResourceChangeUtcDate}}, signed
 * with SHA-256 and RSA ({@code Authorization: Signature <base64>}, {@code X-MS-Signature-Algorithm: rsa-sha256}),
 * the certificate at {@code X-MS-Certificate-Url} on the sandbox's own host, {@value #CERTIFICATE_PATH}. Its
 * authority is the sandbox's own (README, "The sandbox"): cspflow trusts it only where it is told to.
 *
 * <p>An event is posted after the change commits, from one thread, and tried again after 1, 2 and 4 seconds when the
 * receiver does not answer 2xx; then it is dropped and logged (Microsoft keeps trying longer).
 */
@Component
class SandboxWebhooks {

  static final String CERTIFICATE_PATH = "/cert/pcnotifications-dispatch.microsoft.com.cer";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxWebhooks.class);
  private static final char[] KEYSTORE_PASSWORD = "sandbox".toCharArray();
  private static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(4));

  record Registration(String subscriberId, String webhookUrl, List<String> webhookEvents) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final PrivateKey signingKey;
  private final X509Certificate certificate;
  /** The address events name; null: the request's that caused them. */
  private final String address;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "sandbox-webhooks");
    thread.setDaemon(true);
    return thread;
  });

  SandboxWebhooks(JdbcTemplate jdbc, ObjectMapper json, SandboxProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.address = properties.events().address();
    try (InputStream keys = new ClassPathResource("webhooks/notifications.p12").getInputStream()) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(keys, KEYSTORE_PASSWORD);
      this.signingKey = (PrivateKey) store.getKey("notifications", KEYSTORE_PASSWORD);
      this.certificate = (X509Certificate) store.getCertificate("notifications");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("The sandbox's webhook signing key cannot be read", e);
    }
  }

  /** The certificate events are signed with (DER), as Microsoft serves its own. */
  byte[] certificate() {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<Registration> registration() {
    return jdbc.query("SELECT * FROM sandbox_webhook_registration WHERE id = 1", (rs, row) -> new Registration(
        rs.getString("subscriber_id"), rs.getString("webhook_url"),
        Arrays.stream(rs.getString("webhook_events").split(",")).filter(e -> !e.isBlank()).toList()))
        .stream().findFirst();
  }

  /** Creates or replaces the registration; {@code create} false and none there: empty. */
  Optional<Registration> register(String webhookUrl, List<String> events, boolean create) {
    Optional<Registration> current = registration();
    if (current.isPresent() == create) {
      return Optional.empty();
    }
    String subscriberId = current.map(Registration::subscriberId).orElse(UUID.randomUUID().toString());
    jdbc.update("DELETE FROM sandbox_webhook_registration WHERE id = 1");
    jdbc.update("INSERT INTO sandbox_webhook_registration (id, subscriber_id, webhook_url, webhook_events) "
        + "VALUES (1, ?, ?, ?)", subscriberId, webhookUrl, String.join(",", events));
    return registration();
  }

  boolean unregister() {
    return jdbc.update("DELETE FROM sandbox_webhook_registration WHERE id = 1") == 1;
  }

  /** {@code subscription-updated} for a subscription, when the partner registered for it. */
  void subscriptionUpdated(String customerId, String subscriptionId) {
    publish("subscription-updated", "subscription", "/webhooks/v1/customers/" + customerId + "/subscriptions/"
        + subscriptionId);
  }

  private void publish(String eventName, String resourceName, String resourcePath) {
    Optional<Registration> registration = registration().filter(r -> r.webhookEvents().contains(eventName));
    if (registration.isEmpty()) {
      return;
    }
    String root = address != null ? address : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("EventName", eventName);
    event.put("ResourceUri", root + resourcePath);
    event.put("ResourceName", resourceName);
    event.put("AuditUri", null);
    event.put("ResourceChangeUtcDate", Instant.now().toString());
    byte[] body;
    try {
      body = json.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Runnable post = () -> deliver(URI.create(registration.get().webhookUrl()), body, root + CERTIFICATE_PATH);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          delivery.execute(post);
        }
      });
    } else {
      delivery.execute(post);
    }
  }

  private void deliver(URI callback, byte[] body, String certificateUrl) {
    String signature;
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(signingKey);
      signer.update(body);
      signature = Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest request = HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Authorization", "Signature " + signature)
        .header("X-MS-Certificate-Url", certificateUrl).header("X-MS-Signature-Algorithm", "rsa-sha256")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    for (int attempt = 0; ; attempt++) {
      int status = -1;
      try {
        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
      } catch (IOException e) {
        LOG.debug("Webhook {} not reached: {}", callback, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (attempt >= RETRIES.size()) {
        LOG.warn("Webhook event {} not delivered to {} (last answer {}); dropped",
            new String(body, StandardCharsets.UTF_8), callback, status);
        return;
      }
      try {
        Thread.sleep(RETRIES.get(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @PreDestroy
  void stop() {
    delivery.shutdownNow();
  }
}
