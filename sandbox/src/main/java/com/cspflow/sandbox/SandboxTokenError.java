package com.cspflow.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A refusal of the token endpoint in Azure AD v1's shape: {@code error} (the OAuth2 code a client branches on),
 * {@code error_description} starting with the AADSTS code, {@code error_codes}, {@code timestamp}, {@code trace_id},
 * {@code correlation_id}. The codes and wording are Microsoft's (page "Microsoft Entra authentication and
 * authorization error codes"), so a client that recognises them here recognises them at Microsoft.
 */
final class SandboxTokenError extends RuntimeException {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private final int httpStatus;
  private final String error;
  private final int code;

  private SandboxTokenError(int httpStatus, String error, int code, String message) {
    super("AADSTS" + code + ": " + message, null, false, false);
    this.httpStatus = httpStatus;
    this.error = error;
    this.code = code;
  }

  static SandboxTokenError unknownTenant(String tenant) {
    return new SandboxTokenError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make "
        + "sure you have the correct tenant ID and are signing into the correct cloud.");
  }

  static SandboxTokenError invalidClient() {
    return new SandboxTokenError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the "
        + "secret being sent in the request is the client secret value, not the client secret ID.");
  }

  static SandboxTokenError missingParameter(String name) {
    return new SandboxTokenError(400, "invalid_request", 900144,
        "The request body must contain the following parameter: '" + name + "'.");
  }

  static SandboxTokenError unsupportedGrant(String grantType) {
    return new SandboxTokenError(400, "unsupported_grant_type", 70003,
        "The app requested an unsupported grant type '" + grantType + "'.");
  }

  static SandboxTokenError invalidResource(String resource, String tenant) {
    return new SandboxTokenError(400, "invalid_resource", 500011, "The resource principal named " + resource
        + " was not found in the tenant named " + tenant + ". This can happen if the application has not been "
        + "installed by the administrator of the tenant or consented to by any user in the tenant.");
  }

  static SandboxTokenError invalidOrUsedGrant() {
    return new SandboxTokenError(400, "invalid_grant", 70000, "The provided grant is invalid or was already used. "
        + "A refresh token can be redeemed once: use the refresh token of the latest answer.");
  }

  static SandboxTokenError inactive(Instant issuedOn, Duration inactiveFor) {
    return new SandboxTokenError(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. "
        + "The token was issued on " + issuedOn + " and was inactive for " + timeSpan(inactiveFor) + ".");
  }

  static SandboxTokenError revoked() {
    return new SandboxTokenError(400, "invalid_grant", 50173, "The provided grant has expired due to it being "
        + "revoked, a fresh auth token is needed. The user might have changed or reset their password.");
  }

  static SandboxTokenError mfaRequired(String resource) {
    return new SandboxTokenError(400, "interaction_required", 50076, "Due to a configuration change made by your "
        + "administrator, or because you moved to a new location, you must use multi-factor authentication to "
        + "access '" + resource + "'.");
  }

  int httpStatus() {
    return httpStatus;
  }

  Map<String, Object> body() {
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String timestamp = TIMESTAMP.format(Instant.now());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", getMessage() + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
        + "\r\nTimestamp: " + timestamp);
    body.put("error_codes", List.of(code));
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    return body;
  }

  /** .NET's TimeSpan, as Microsoft writes the inactivity: {@code 90.00:00:00}. */
  private static String timeSpan(Duration duration) {
    return String.format("%d.%02d:%02d:%02d", duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(),
        duration.toSecondsPart());
  }
}
