package com.cspflow.csp.partnercenter;

import com.cspflow.csp.GdapRole;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Partner Center, Microsoft Graph and Microsoft's sign-in are, and how the client talks to them. The consent's
 * first refresh token ({@code cspflow.csp.refresh-token}) is not here: it only seeds the consent store
 * ({@link com.cspflow.csp.consent.ConsentService}), and the client redeems what the store holds.
 *
 * @param baseUrl Partner Center's root, without {@code /v1}
 * @param partnerApiBaseUrl Microsoft's Partner API root, without {@code /v1.0} (price sheets)
 * @param graphBaseUrl Microsoft Graph's root, with its version ({@code https://graph.microsoft.com/v1.0})
 * @param loginUrl Microsoft Entra's sign-in authority, whose public metadata names a domain's tenant
 * @param tokenUrl the OAuth2 token endpoint (v1: {@code https://login.microsoftonline.com/{tenant}/oauth2/token})
 * @param resource the OAuth2 resource Partner Center tokens are for
 * @param tenantId the partner's own tenant (used in {@code tokenUrl})
 * @param clientId the partner's app registration
 * @param clientSecret its secret; never logged
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param tokenExpiryMargin a cached token is replaced this long before it expires
 * @param catalogCountry the country whose catalog and prices are read
 * @param throttling how long to wait when Partner Center answers 429
 * @param gdap the partner's side of GDAP: its agent group and the relationship cspflow requests from a migrated
 *     customer
 * @param billingStorageHosts where a billing export's files may be downloaded from: a host, or a suffix starting with
 *     a dot (Microsoft's are Azure Blob Storage accounts, {@code .blob.core.windows.net})
 */
@ConfigurationProperties("cspflow.csp")
public record PartnerCenterProperties(
    String baseUrl,
    @DefaultValue("https://api.partner.microsoft.com") String partnerApiBaseUrl,
    @DefaultValue("https://graph.microsoft.com/v1.0") String graphBaseUrl,
    @DefaultValue("https://login.microsoftonline.com") String loginUrl,
    String tokenUrl,
    @DefaultValue("https://api.partnercenter.microsoft.com") String resource,
    String tenantId,
    String clientId,
    String clientSecret,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("5m") Duration tokenExpiryMargin,
    @DefaultValue("SE") String catalogCountry,
    @DefaultValue Throttling throttling,
    @DefaultValue Gdap gdap,
    @DefaultValue(".blob.core.windows.net") List<String> billingStorageHosts) {

  /** The OAuth2 resource of Microsoft Graph, for the token that opens {@code graphBaseUrl}. */
  static final String GRAPH_RESOURCE = "https://graph.microsoft.com";

  /** The OAuth2 resource of Microsoft's Partner API, for the token that opens {@code partnerApiBaseUrl}. */
  static final String PARTNER_API_RESOURCE = "https://api.partner.microsoft.com";

  /**
   * @param maxWait the longest Retry-After waited for in-line; a longer one fails at once, the job retries later
   * @param maxAttempts attempts of one call, the first included, before throttling becomes a technical failure
   */
  public record Throttling(@DefaultValue("10s") Duration maxWait, @DefaultValue("3") int maxAttempts) {}

  /**
   * @param agentGroupId the partner's security group whose members (the consenting partner user among them) act
   *     in customers' tenants: only GDAP roles assigned to it count
   * @param roles the roles of the relationship requested from a migrated customer (Entra role names as in
   *     {@link GdapRole}): what cspflow needs to list users and reset the administrator's password, and to manage
   *     licenses
   * @param duration how long that relationship lasts (at most P730D)
   * @param autoExtendDuration how much it is extended by at its end (P180D, or PT0S for never)
   * @param displayNamePrefix the start of its name, which the customer sees when approving
   */
  public record Gdap(
      String agentGroupId,
      @DefaultValue({"DIRECTORY_READERS", "USER_ADMINISTRATOR", "PRIVILEGED_AUTHENTICATION_ADMINISTRATOR",
          "LICENSE_ADMINISTRATOR"}) List<GdapRole> roles,
      @DefaultValue("P730D") String duration,
      @DefaultValue("P180D") String autoExtendDuration,
      @DefaultValue("cspflow") String displayNamePrefix) {

    public Gdap {
      roles = List.copyOf(roles);
    }
  }

  /** Records print every component; secrets must not end up in a log through this. */
  @Override
  public String toString() {
    return "PartnerCenterProperties[baseUrl=" + baseUrl + ", partnerApiBaseUrl=" + partnerApiBaseUrl
        + ", graphBaseUrl=" + graphBaseUrl + ", tokenUrl=" + tokenUrl
        + ", clientId=" + clientId + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", throttling=" + throttling + ", gdap=" + gdap + "]";
  }
}
