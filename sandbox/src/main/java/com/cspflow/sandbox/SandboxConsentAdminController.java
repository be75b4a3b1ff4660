package com.cspflow.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner's people, as far as the Secure Application Model sees them (sandbox admin, behind the admin's Basic
 * authentication):
 *
 * <ul>
 *   <li>{@code POST consents} {@code {userPrincipalName?, mfa}}: a partner user signs in once and consents to the
 *       app, with MFA or without; 201 {@code {consentId, refreshToken}}, the only place that token is ever shown
 *   <li>{@code GET consents}: every consent, without tokens
 *   <li>{@code POST consents/{id}/revoke}: an administrator revoked the user's sessions (AADSTS50173 from then on)
 *   <li>{@code POST consents/{id}/time-travel} {@code {days}}: moves the consent's last use into the past, so that
 *       inactivity expiry (AADSTS700082) can be tested without waiting 90 days
 * </ul>
 */
@RestController
@RequestMapping("/sandbox-admin/consents")
class SandboxConsentAdminController {

  record NewConsent(String userPrincipalName, Boolean mfa) {}

  record TimeTravel(long days) {}

  private final SandboxConsents consents;

  SandboxConsentAdminController(SandboxConsents consents) {
    this.consents = consents;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> consent(@RequestBody NewConsent request) {
    if (request.mfa() == null) {
      throw SandboxError.invalid("mfa (true or false) is required");
    }
    String user = request.userPrincipalName() == null || request.userPrincipalName().isBlank()
        ? SandboxConsents.DEFAULT_USER : request.userPrincipalName().trim();
    SandboxConsents.Grant grant = consents.create(user, request.mfa());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("consentId", grant.consent().id(), "refreshToken", grant.refreshToken()));
  }

  @GetMapping
  List<Map<String, Object>> consents() {
    return consents.consents().stream().map(SandboxConsentAdminController::view).toList();
  }

  @PostMapping("/{id}/revoke")
  ResponseEntity<Void> revoke(@PathVariable String id) {
    existing(id);
    consents.revoke(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/time-travel")
  ResponseEntity<Void> timeTravel(@PathVariable String id, @RequestBody TimeTravel request) {
    existing(id);
    consents.travel(id, request.days());
    return ResponseEntity.noContent().build();
  }

  private void existing(String id) {
    consents.consent(id).orElseThrow(() -> SandboxError.notFound("Consent " + id + " not found"));
  }

  private static Map<String, Object> view(SandboxConsents.Consent consent) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("consentId", consent.id());
    view.put("userPrincipalName", consent.userPrincipalName());
    view.put("mfa", consent.mfa());
    view.put("createdAt", Instant.ofEpochMilli(consent.createdAt()).toString());
    view.put("lastUsedAt", Instant.ofEpochMilli(consent.lastUsedAt()).toString());
    view.put("revoked", consent.revoked());
    view.put("revokedAt", consent.revoked() ? Instant.ofEpochMilli(consent.revokedAt()).toString() : null);
    return view;
  }
}
