package com.cspflow.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's own settings: the app registration it accepts, its administrator, and how it plays Microsoft.
 *
 * @param clientId the client id its token endpoint accepts
 * @param clientSecret the client secret its token endpoint accepts
 * @param tenantId the partner's tenant: the token endpoint answers only for it (AADSTS90002 otherwise); blank accepts
 *     any tenant in the path
 * @param refreshToken when set, a consent with MFA exists from start-up whose current refresh token is this value, so
 *     that a laptop, compose or test setup can hand the same first token to cspflow; it rotates on its first use
 * @param refreshTokenMaxInactive a consent unused for longer has expired (AADSTS700082), as Microsoft's 90 days
 * @param tokenLifetime how long an issued access token is valid
 * @param partnerName the partner name the MPN profile answers with
 * @param knownMpnIds the MPN (PartnerID) ids that exist; any other id is unknown (404, code 600041)
 * @param orderCompletionDelay how long an order stays pending before it is completed on the next read
 * @param faults fault injection at start-up; the admin endpoint replaces it at runtime
 * @param admin who may call the admin endpoints (HTTP Basic)
 * @param gdap the partner's side of GDAP: its agent group and what a new customer's default relationship holds
 * @param billingExport how Microsoft Graph's billing exports are cut into blobs and how long they take
 * @param events what the partner's webhook events name as the sandbox's address
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
    @DefaultValue("cspflow-sandbox") String clientId,
    @DefaultValue("sandbox-secret") String clientSecret,
    String tenantId,
    String refreshToken,
    @DefaultValue("P90D") Duration refreshTokenMaxInactive,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue("cspflow Sandbox Partner") String partnerName,
    @DefaultValue("1234567") Set<String> knownMpnIds,
    @DefaultValue("5s") Duration orderCompletionDelay,
    @DefaultValue Faults faults,
    @DefaultValue Admin admin,
    @DefaultValue Gdap gdap,
    @DefaultValue BillingExport billingExport,
    @DefaultValue Events events) {

  /**
   * @param address the sandbox's address in its events (their resource and the certificate they are signed with), as
   *     Microsoft's events name Microsoft's fixed hosts, whichever address the change that caused them came in on;
   *     blank: the address of that request
   */
  public record Events(String address) {

    public Events {
      address = address == null || address.isBlank() ? null : address.replaceAll("/+$", "");
    }
  }

  /**
   * Microsoft Graph's billing exports: the most lines a blob holds, and how long an export runs before its manifest
   * is ready.
   */
  public record BillingExport(@DefaultValue("50000") int linesPerBlob, @DefaultValue("2s") Duration readyAfter) {}

  /** The sandbox's administrator; the defaults are for a laptop only. */
  public record Admin(@DefaultValue("sandbox-admin") String user, @DefaultValue("sandbox-admin") String password) {

    @Override
    public String toString() {
      return "Admin[user=" + user + "]";
    }
  }

  /**
   * @param agentGroupId the partner's security group the consenting partner user is a member of: only access
   *     assignments to this group give that user a customer's GDAP roles
   * @param defaultRoles the Entra role definition ids of the default GDAP relationship a customer created through
   *     {@code POST /v1/customers} gets (Directory Readers, User Administrator, Privileged Authentication
   *     Administrator, License Administrator unless configured otherwise)
   * @param assignDefaultGroup whether that default relationship comes with an active assignment of its roles to the
   *     agent group; at Microsoft the partner makes that assignment itself, so false tests a client that must
   */
  public record Gdap(
      @DefaultValue("3b5e8e0c-5d21-4f0a-9c8e-6a1f2d7c4b90") String agentGroupId,
      @DefaultValue({"88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "fe930be7-5e62-47db-91af-98c3a49a38b1",
          "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "4d6ac14f-3453-41d0-bef9-a3e0c569773a"}) List<String> defaultRoles,
      @DefaultValue("true") boolean assignDefaultGroup) {

    public Gdap {
      defaultRoles = List.copyOf(defaultRoles);
    }
  }

  /**
   * @param seed makes the injected errors repeatable: the same seed and the same calls give the same failures
   * @param operations per operation name (see {@link SandboxOperation}), or {@code all} for every operation
   */
  public record Faults(@DefaultValue("42") long seed, Map<String, OperationFaults> operations) {
    public Faults {
      operations = operations == null ? Map.of() : Map.copyOf(operations);
    }
  }

  /**
   * @param latencyMs added to every call
   * @param errorRate share of calls answered 500, 0 to 1
   * @param requestsPerSecond a token-bucket limit (burst of one second's worth); above it 429 with Retry-After.
   *     0 means unlimited
   */
  public record OperationFaults(long latencyMs, double errorRate, double requestsPerSecond) {}

  @Override
  public String toString() {
    return "SandboxProperties[clientId=" + clientId + ", tenantId=" + tenantId + ", partnerName=" + partnerName + "]";
  }
}
