package com.cspflow.support;

import com.cspflow.csp.GdapRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Drives the CSP sandbox's admin endpoints (with the sandbox's own administrator), standing in for customers and
 * for Microsoft's outages.
 */
public final class SandboxAdmin {


  private final TestRestTemplate http;

  public SandboxAdmin() {
    this(SandboxProcess.forTests());
  }

  public SandboxAdmin(SandboxProcess sandbox) {
    this.http = adminClient(sandbox);
  }

  /** Raw answers, no retries: the JDK client (Apache HttpClient would retry a 429 by itself). */
  public static TestRestTemplate adminClient(SandboxProcess sandbox) {
    return new TestRestTemplate(new RestTemplateBuilder().rootUri(sandbox.adminUrl())
        .requestFactory(JdkClientHttpRequestFactory.class)
        .basicAuthentication(SandboxProcess.ADMIN_USER, SandboxProcess.ADMIN_PASSWORD));
  }

  /** A tenant that exists at Microsoft but is not (yet) the partner's customer; returns its tenant id. */
  public String existingTenant(String domainPrefix, String companyName, Map<String, Object>... subscriptions) {
    var answer = http.postForEntity("/tenants", Map.of(
        "domain", domainPrefix + ".onmicrosoft.com", "companyName", companyName,
        "relationshipToPartner", "none", "agreementConfirmed", false,
        "subscriptions", List.of(subscriptions)), Map.class);
    require(answer.getStatusCode(), HttpStatus.CREATED);
    return (String) answer.getBody().get("tenantId");
  }

  /** A tenant that is already the partner's customer, with its agreement confirmed; returns its tenant id. */
  public String existingCustomer(String domainPrefix, String companyName, List<Map<String, Object>> subscriptions) {
    var answer = http.postForEntity("/tenants", Map.of(
        "domain", domainPrefix + ".onmicrosoft.com", "companyName", companyName,
        "relationshipToPartner", "reseller", "agreementConfirmed", true, "subscriptions", subscriptions), Map.class);
    require(answer.getStatusCode(), HttpStatus.CREATED);
    return (String) answer.getBody().get("tenantId");
  }

  /** The partner changes a subscription in Microsoft's own portal: its seat count or status. */
  public void changeAtMicrosoft(String tenantId, String subscriptionId, Integer quantity, String status) {
    Map<String, Object> change = new java.util.HashMap<>();
    change.put("quantity", quantity);
    change.put("status", status);
    var answer = http.exchange("/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        org.springframework.http.HttpMethod.PATCH, new org.springframework.http.HttpEntity<>(change), Void.class);
    require(answer.getStatusCode(), HttpStatus.NO_CONTENT);
  }

  /**
   * Microsoft changes the subscription itself ({@code suspended}, for instance): no audit record, but a registered
   * webhook gets {@code subscription-updated}.
   */
  public void changedByMicrosoft(String tenantId, String subscriptionId, String status) {
    var answer = http.exchange("/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        org.springframework.http.HttpMethod.PATCH, new org.springframework.http.HttpEntity<>(Map.of("status", status,
            "byMicrosoft", true)), Void.class);
    require(answer.getStatusCode(), HttpStatus.NO_CONTENT);
  }

  /** Microsoft no longer lists the subscription. */
  public void removeAtMicrosoft(String tenantId, String subscriptionId) {
    var answer = http.exchange("/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        org.springframework.http.HttpMethod.DELETE, null, Void.class);
    require(answer.getStatusCode(), HttpStatus.NO_CONTENT);
  }

  /** Calls of {@code operation} beyond {@code requestsPerSecond} get a 429 with Retry-After, until cleared. */
  public void rateLimit(String operation, double requestsPerSecond) {
    http.put("/faults", Map.of("seed", 1, "operations",
        Map.of(operation, Map.of("latencyMs", 0, "errorRate", 0.0, "requestsPerSecond", requestsPerSecond))));
  }

  /** Per operation: calls answered, 429s and injected 500s since the faults were last set. */
  public Map<String, Map<String, Number>> faultStats() {
    var answer = http.getForEntity("/faults/stats", Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
    return answer.getBody();
  }

  /** The customer's global administrator accepts the partner's reseller invitation. */
  public void acceptRelationship(String domainPrefix) {
    var answer = http.postForEntity("/relationship-requests/accept",
        Map.of("domain", domainPrefix + ".onmicrosoft.com"), Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
  }

  /** Every call of {@code operation} fails with a 500 until {@link #clearFaults()}. */
  public void failAlways(String operation) {
    http.put("/faults", Map.of("seed", 1, "operations",
        Map.of(operation, Map.of("latencyMs", 0, "errorRate", 1.0, "requestsPerSecond", 0))));
  }

  /** Any fault plan: {@code {seed, operations: {name|all: {latencyMs, errorRate, requestsPerSecond}}}}. */
  public void faults(Map<String, Object> plan) {
    var answer = http.exchange("/faults", HttpMethod.PUT, new org.springframework.http.HttpEntity<>(plan), Map.class);
    if (!answer.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("Sandbox admin refused the fault plan: " + answer.getStatusCode());
    }
  }

  /** How often the sandbox reset the user's password since the application started. */
  public int passwordResets(String tenantId, String userPrincipalName) {
    return ((Number) user(tenantId, userPrincipalName).get("resets")).intValue();
  }

  /** Whether the user must choose a new password at the next sign-in. */
  public boolean mustChangePassword(String tenantId, String userPrincipalName) {
    return (Boolean) user(tenantId, userPrincipalName).get("forceChangePassword");
  }

  private Map<?, ?> user(String tenantId, String userPrincipalName) {
    var answer = http.getForEntity("/customers/" + tenantId + "/password-resets", Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
    return (Map<?, ?>) answer.getBody().get(userPrincipalName);
  }

  /** How many orders Microsoft has for the customer (Partner Center's list of a customer's orders). */
  public long ordersAtMicrosoft(String tenantId) {
    return new SandboxApi().call(HttpMethod.GET, "/customers/" + tenantId + "/orders", null, null).getBody()
        .path("totalCount").asLong();
  }

  /**
   * What Microsoft Graph's next billing export gets wrong: {@code failingDownloads}, {@code failingBlob},
   * {@code tamper} (drop-line, change-price, change-quantity), {@code tamperSubscription}, {@code linesPerBlob}.
   */
  public void nextBillingExport(Map<String, Object> injection) {
    var answer = http.exchange("/billing-exports/next", HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(injection), Void.class);
    if (!answer.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("Sandbox admin refused the export's faults: " + answer.getStatusCode());
    }
  }

  public void clearFaults() {
    http.delete("/faults");
  }

  /** Moves the customer's clock forward: pending orders complete, seat windows close. */
  public void timeTravel(String tenantId, int hours) {
    http.postForEntity("/customers/" + tenantId + "/time-travel", Map.of("hours", hours), Void.class);
  }

  /** Microsoft cancels an order it has not completed yet. */
  public void cancelPendingOrder(String tenantId, String orderId) {
    http.postForEntity("/customers/" + tenantId + "/orders/" + orderId + "/cancel", null, Void.class);
  }

  /** Microsoft puts the customer's account under review: orders are refused until it is lifted. */
  public void underReview(String tenantId, boolean underReview) {
    http.put("/customers/" + tenantId + "/under-review", Map.of("underReview", underReview));
  }

  /**
   * The customer's active GDAP relationship gets exactly these roles (one is made if there is none), assigned to the
   * partner's agent group or not.
   */
  public void gdap(String tenantId, List<GdapRole> roles, boolean groupAssigned) {
    var reshape = new org.springframework.http.HttpEntity<>(Map.of("roles",
        roles.stream().map(GdapRole::roleDefinitionId).toList(), "groupAssigned", groupAssigned));
    var answer = http.exchange("/customers/" + tenantId + "/gdap", HttpMethod.PUT, reshape, Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
  }

  /** Every GDAP relationship of the customer ends. */
  public void endGdap(String tenantId) {
    var answer = http.exchange("/customers/" + tenantId + "/gdap", HttpMethod.DELETE, null, Void.class);
    require(answer.getStatusCode(), HttpStatus.NO_CONTENT);
  }

  /** The customer's GDAP relationships as Graph shows them, each with its access assignments. */
  public List<Map<String, Object>> gdapRelationships(String tenantId) {
    var answer = http.getForEntity("/customers/" + tenantId + "/gdap", Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
    return (List<Map<String, Object>>) answer.getBody().get("relationships");
  }

  /** The customer's Global Administrator approves a GDAP relationship locked for approval. */
  public void approveGdap(String relationshipId) {
    var answer = http.postForEntity("/gdap/relationships/" + relationshipId + "/approve", null, Map.class);
    require(answer.getStatusCode(), HttpStatus.OK);
  }

  /** A partner user's consent (Secure Application Model), with MFA or without, and its first refresh token. */
  public Consent consent(boolean mfa) {
    var answer = http.postForEntity("/consents", Map.of("mfa", mfa), Map.class);
    require(answer.getStatusCode(), HttpStatus.CREATED);
    return new Consent((String) answer.getBody().get("consentId"), (String) answer.getBody().get("refreshToken"));
  }

  /** An administrator revokes the user's sessions: the consent's refresh tokens stop working (AADSTS50173). */
  public void revokeConsent(String consentId) {
    require(http.postForEntity("/consents/" + consentId + "/revoke", null, Void.class).getStatusCode(),
        HttpStatus.NO_CONTENT);
  }

  /** {@code days} pass without the consent being used. */
  public void consentUnusedFor(String consentId, int days) {
    require(http.postForEntity("/consents/" + consentId + "/time-travel", Map.of("days", days), Void.class)
        .getStatusCode(), HttpStatus.NO_CONTENT);
  }

  public record Consent(String id, String refreshToken) {}

  /**
   * How long ago a subscription of long standing was created at Microsoft: before any period a run may bill (up to 24
   * months back).
   */
  public static final int LONG_STANDING_DAYS = 740;

  /**
   * A customer's subscription of long standing: created at Microsoft {@value #LONG_STANDING_DAYS} days ago (so that
   * every billing period a test may run includes it), in a year's term that began 40 days ago.
   */
  public static Map<String, Object> subscription(String catalogItemId, int quantity) {
    return Map.of("catalogItemId", catalogItemId, "quantity", quantity, "termDuration", "P1Y",
        "billingCycle", "monthly", "purchasedDaysAgo", 40, "createdDaysAgo", LONG_STANDING_DAYS);
  }

  /** Microsoft announces a new price for the offer from {@code effectiveFrom} (the annual term billed annually). */
  public void announcePrice(String catalogItemId, BigDecimal annualUnitPrice, LocalDate effectiveFrom) {
    var answer = http.postForEntity("/catalog/" + catalogItemId + "/price-changes", Map.of("annualUnitPrice",
        annualUnitPrice, "effectiveFrom", effectiveFrom.toString()), Void.class);
    require(answer.getStatusCode(), HttpStatus.CREATED);
  }

  /** Microsoft withdraws the offer from its catalog; its subscriptions live on. */
  public void withdrawFromCatalog(String catalogItemId) {
    require(http.exchange("/catalog/" + catalogItemId + "/withdrawal", HttpMethod.PUT, null, Void.class)
        .getStatusCode(), HttpStatus.NO_CONTENT);
  }

  /** Microsoft lists a withdrawn offer again. */
  public void listInCatalogAgain(String catalogItemId) {
    require(http.exchange("/catalog/" + catalogItemId + "/withdrawal", HttpMethod.DELETE, null, Void.class)
        .getStatusCode(), HttpStatus.NO_CONTENT);
  }

  private static void require(org.springframework.http.HttpStatusCode actual, HttpStatus expected) {
    if (!actual.isSameCodeAs(expected)) {
      throw new IllegalStateException("Sandbox admin answered " + actual + ", expected " + expected);
    }
  }
}
