package com.cspflow.sandbox;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's OAuth2 token endpoint (v1 shape): client credentials, and refresh token for app+user. */
@RestController
class SandboxTokenController {

  private final SandboxProperties properties;
  private final SandboxTokens tokens;

  SandboxTokenController(SandboxProperties properties, SandboxTokens tokens) {
    this.properties = properties;
    this.tokens = tokens;
  }

  @PostMapping(path = "/{tenant}/oauth2/token",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
    if (!same(form.getFirst("client_id"), properties.clientId())
        || !same(form.getFirst("client_secret"), properties.clientSecret())) {
      return refuse(401, "invalid_client");
    }
    SandboxTokens.Kind kind;
    String grant = form.getFirst("grant_type");
    if ("client_credentials".equals(grant)) {
      kind = SandboxTokens.Kind.APP_ONLY;
    } else if ("refresh_token".equals(grant)) {
      if (!same(form.getFirst("refresh_token"), properties.refreshToken())) {
        return refuse(400, "invalid_grant");
      }
      kind = SandboxTokens.Kind.APP_AND_USER;
    } else {
      return refuse(400, "unsupported_grant_type");
    }
    SandboxTokens.Issued issued = tokens.issue(kind);
    return ResponseEntity.ok(Map.of(
        "token_type", "Bearer",
        "expires_in", String.valueOf(properties.tokenLifetime().toSeconds()),
        "resource", form.getFirst("resource") == null ? "" : form.getFirst("resource"),
        "access_token", issued.accessToken()));
  }

  private static ResponseEntity<Map<String, Object>> refuse(int status, String error) {
    return ResponseEntity.status(status).body(Map.of("error", error));
  }

  /** Constant time, like any comparison of secrets. */
  private static boolean same(String given, String expected) {
    return given != null && expected != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
