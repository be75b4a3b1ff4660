package com.cspflow.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The token endpoint as Azure AD v1 answers it, {@code POST /{tenant}/oauth2/token} (form-encoded): the tenant in
 * the path, the client by {@code client_id}/{@code client_secret} or HTTP Basic, the {@code resource} that decides
 * the token's audience (Partner Center or Microsoft Graph), then {@code client_credentials} for an app-only token
 * or {@code refresh_token} for an app+user token of the consent that refresh token belongs to. The refresh grant
 * answers the next refresh token; the one used is spent. Refusals have Azure AD's error body.
 *
 * <p>Beside it, Entra's public OpenID metadata, {@code GET /{tenant}/.well-known/openid-configuration}, where the
 * tenant may be named by any of its domains: the only way a partner learns the tenant id of a customer that is not
 * its customer yet (to request GDAP from a migrating customer). A domain no tenant has is AADSTS90002.
 */
@RestController
class SandboxTokenController {

  private final SandboxProperties properties;
  private final SandboxTokens tokens;
  private final SandboxConsents consents;
  private final SandboxCustomers customers;

  SandboxTokenController(SandboxProperties properties, SandboxTokens tokens, SandboxConsents consents,
      SandboxCustomers customers) {
    this.properties = properties;
    this.tokens = tokens;
    this.consents = consents;
    this.customers = customers;
  }

  private record ClientCredentials(String id, String secret) {}

  @PostMapping(path = "/{tenant}/oauth2/token",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> token(@PathVariable String tenant,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody MultiValueMap<String, String> form) {
    if (properties.tenantId() != null && !properties.tenantId().isBlank()
        && !properties.tenantId().equalsIgnoreCase(tenant)) {
      throw SandboxTokenError.unknownTenant(tenant);
    }
    ClientCredentials client = authorization == null
        ? new ClientCredentials(form.getFirst("client_id"), form.getFirst("client_secret")) : basic(authorization);
    if (!SandboxAdminAuthentication.same(client.id(), properties.clientId())
        | !SandboxAdminAuthentication.same(client.secret(), properties.clientSecret())) {
      throw SandboxTokenError.invalidClient();
    }
    String grantType = required(form, "grant_type");
    if (!"client_credentials".equals(grantType) && !"refresh_token".equals(grantType)) {
      throw SandboxTokenError.unsupportedGrant(grantType);
    }
    String resource = form.getFirst("resource");
    SandboxTokens.Audience audience = SandboxTokens.Audience.of(resource)
        .orElseThrow(() -> SandboxTokenError.invalidResource(resource == null ? "(none)" : resource, tenant));
    if ("client_credentials".equals(grantType)) {
      return answer(tokens.appOnly(audience), resource, null);
    }
    SandboxConsents.Grant grant = consents.redeem(required(form, "refresh_token"), audience.resource());
    return answer(tokens.appAndUser(audience, grant.consent()), resource, grant.refreshToken());
  }

  /** The v1 metadata's fields that name the tenant: its issuer and its token endpoint, by tenant id. */
  @GetMapping(path = "/{tenant}/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> signInMetadata(@PathVariable String tenant) {
    String tenantId = customers.byDomain(tenant).or(() -> customers.tenant(tenant.toLowerCase()))
        .orElseThrow(() -> SandboxTokenError.unknownTenant(tenant)).id();
    String authority = ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + tenantId).toUriString();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("token_endpoint", authority + "/oauth2/token");
    metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_post",
        "private_key_jwt", "client_secret_basic"));
    metadata.put("response_types_supported", List.of("code", "id_token", "code id_token", "token id_token",
        "token"));
    metadata.put("issuer", "https://sts.windows.net/" + tenantId + "/");
    metadata.put("authorization_endpoint", authority + "/oauth2/authorize");
    metadata.put("tenant_region_scope", "EU");
    return metadata;
  }

  @ExceptionHandler(SandboxTokenError.class)
  ResponseEntity<Map<String, Object>> refused(SandboxTokenError error) {
    return ResponseEntity.status(error.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(error.body());
  }

  /** Azure AD v1's answer: every number a string, instants in epoch seconds. */
  private Map<String, Object> answer(SandboxTokens.AccessToken token, String resource, String refreshToken) {
    String lifetime = String.valueOf(properties.tokenLifetime().toSeconds());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token_type", "Bearer");
    answer.put("expires_in", lifetime);
    answer.put("ext_expires_in", lifetime);
    answer.put("expires_on", String.valueOf(token.expiresAt().getEpochSecond()));
    answer.put("not_before", String.valueOf(token.notBefore().getEpochSecond()));
    answer.put("resource", resource);
    answer.put("access_token", token.value());
    if (refreshToken != null) {
      answer.put("refresh_token", refreshToken);
    }
    return answer;
  }

  private static String required(MultiValueMap<String, String> form, String name) {
    String value = form.getFirst(name);
    if (value == null || value.isBlank()) {
      throw SandboxTokenError.missingParameter(name);
    }
    return value;
  }

  /** RFC 6749 2.3.1: id and secret are form-encoded before they are joined and Base64-encoded. */
  private static ClientCredentials basic(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw SandboxTokenError.invalidClient();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      throw SandboxTokenError.invalidClient();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw SandboxTokenError.invalidClient();
    }
    return new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
  }
}
