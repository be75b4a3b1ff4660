package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxOperation.Grant;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Partner Center webhooks": {@code GET|POST|PUT|DELETE /webhooks/v1/registration} with Partner Center's bearer
 * token, {@code {WebhookUrl, WebhookEvents}} in, {@code {SubscriberId, WebhookUrl, WebhookEvents}} out; 404 without a
 * registration, 409/2000 for a second POST. And the certificate the events are signed with, {@code GET
 * /cert/pcnotifications-dispatch.microsoft.com.cer}, open to anyone as Microsoft's is.
 */
@RestController
class SandboxWebhookController {

  private static final String REGISTRATION = "/webhooks/v1/registration";

  record Webhook(@JsonProperty("WebhookUrl") String webhookUrl,
      @JsonProperty("WebhookEvents") List<String> webhookEvents) {}

  private final SandboxWebhooks webhooks;

  SandboxWebhookController(SandboxWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @SandboxOperation(value = "webhook-registration", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping(REGISTRATION)
  Map<String, Object> registration() {
    return json(webhooks.registration().orElseThrow(() -> SandboxError.notFound("No webhook registration")));
  }

  @SandboxOperation(value = "webhook-registration", grant = Grant.APP_ONLY_OR_APP_USER)
  @PostMapping(REGISTRATION)
  Map<String, Object> register(@RequestBody Webhook request) {
    check(request);
    return json(webhooks.register(request.webhookUrl(), request.webhookEvents(), true)
        .orElseThrow(() -> new SandboxError(409, SandboxError.INVALID_REQUEST,
            "The partner has a webhook registration; update it with PUT")));
  }

  @SandboxOperation(value = "webhook-registration", grant = Grant.APP_ONLY_OR_APP_USER)
  @PutMapping(REGISTRATION)
  Map<String, Object> update(@RequestBody Webhook request) {
    check(request);
    return json(webhooks.register(request.webhookUrl(), request.webhookEvents(), false)
        .orElseThrow(() -> SandboxError.notFound("No webhook registration")));
  }

  @SandboxOperation(value = "webhook-registration", grant = Grant.APP_ONLY_OR_APP_USER)
  @DeleteMapping(REGISTRATION)
  ResponseEntity<Void> unregister() {
    if (!webhooks.unregister()) {
      throw SandboxError.notFound("No webhook registration");
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping(path = SandboxWebhooks.CERTIFICATE_PATH, produces = "application/pkix-cert")
  ResponseEntity<byte[]> certificate() {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pkix-cert"))
        .body(webhooks.certificate());
  }

  private static void check(Webhook request) {
    if (request == null || request.webhookUrl() == null || request.webhookEvents() == null
        || request.webhookEvents().isEmpty()) {
      throw SandboxError.invalid("WebhookUrl and WebhookEvents are required");
    }
    URI url;
    try {
      url = URI.create(request.webhookUrl());
    } catch (IllegalArgumentException e) {
      throw SandboxError.invalid("WebhookUrl is not an address");
    }
    if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme())) {
      throw SandboxError.invalid("WebhookUrl must be an http(s) address");
    }
  }

  private static Map<String, Object> json(SandboxWebhooks.Registration registration) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("SubscriberId", registration.subscriberId());
    body.put("WebhookUrl", registration.webhookUrl());
    body.put("WebhookEvents", registration.webhookEvents());
    return body;
  }
}
