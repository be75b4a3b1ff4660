package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.GRAPH;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static com.cspflow.sandbox.SandboxClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;

/** The token endpoint as Azure AD v1: tenant, client, resource and audience, and the refresh token's life. */
@SandboxSpringTest
class SandboxTokenEndpointTest {

  @LocalServerPort int port;
  @Autowired SandboxConsents consents;
  @Autowired JdbcTemplate jdbc;
  SandboxClient sandbox;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
  }

  @Test
  void clientCredentialsGiveAnAppOnlyTokenInAzureAdV1sShape() {
    long before = Instant.now().getEpochSecond();
    ResponseEntity<JsonNode> answer = sandbox.token(form("client_credentials", PARTNER_CENTER, null));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = answer.getBody();
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").isTextual()).isTrue();
    assertThat(body.path("expires_in").asText()).isEqualTo("3600");
    assertThat(body.path("ext_expires_in").asText()).isEqualTo("3600");
    assertThat(Long.parseLong(body.path("not_before").asText())).isBetween(before, before + 60);
    assertThat(Long.parseLong(body.path("expires_on").asText()))
        .isEqualTo(Long.parseLong(body.path("not_before").asText()) + 3600);
    assertThat(body.path("resource").asText()).isEqualTo(PARTNER_CENTER);
    assertThat(body.path("access_token").asText()).isNotBlank();
    assertThat(body.has("refresh_token")).as("no refresh token for client credentials").isFalse();
    assertThat(sandbox.partnerCenter(body.path("access_token").asText(), HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aTenantOtherThanThePartnersIsNotFound() {
    ResponseEntity<JsonNode> answer = sandbox.token("00000000-0000-0000-0000-000000000001",
        form("client_credentials", PARTNER_CENTER, null), new HttpHeaders());

    assertAzureAdError(answer, HttpStatus.BAD_REQUEST, "invalid_request", 90002);
    assertThat(answer.getBody().path("error_description").asText())
        .contains("Tenant '00000000-0000-0000-0000-000000000001' not found");
  }

  @Test
  void theClientAuthenticatesWithItsSecretInTheFormOrWithHttpBasic() {
    MultiValueMap<String, String> wrongSecret = form("client_credentials", PARTNER_CENTER, null);
    wrongSecret.set("client_secret", "wrong");
    assertAzureAdError(sandbox.token(wrongSecret), HttpStatus.UNAUTHORIZED, "invalid_client", 7000215);

    MultiValueMap<String, String> withoutCredentials = form("client_credentials", PARTNER_CENTER, null);
    withoutCredentials.remove("client_id");
    withoutCredentials.remove("client_secret");
    HttpHeaders basic = new HttpHeaders();
    basic.setBasicAuth(SandboxClient.CLIENT_ID, SandboxClient.CLIENT_SECRET);
    assertThat(sandbox.token(SandboxClient.TENANT_ID, withoutCredentials, basic).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    HttpHeaders wrongBasic = new HttpHeaders();
    wrongBasic.setBasicAuth(SandboxClient.CLIENT_ID, "wrong");
    assertAzureAdError(sandbox.token(SandboxClient.TENANT_ID, withoutCredentials, wrongBasic),
        HttpStatus.UNAUTHORIZED, "invalid_client", 7000215);
    assertAzureAdError(sandbox.token(withoutCredentials), HttpStatus.UNAUTHORIZED, "invalid_client", 7000215);
  }

  @Test
  void theResourceDecidesTheAudienceAndATokenOpensOnlyItsOwnApi() {
    assertAzureAdError(sandbox.token(form("client_credentials", null, null)), HttpStatus.BAD_REQUEST,
        "invalid_resource", 500011);
    assertAzureAdError(sandbox.token(form("client_credentials", "https://management.azure.com", null)),
        HttpStatus.BAD_REQUEST, "invalid_resource", 500011);

    ResponseEntity<JsonNode> graph = sandbox.token(form("client_credentials", GRAPH + "/", null));
    assertThat(graph.getBody().path("resource").asText()).isEqualTo(GRAPH + "/");
    ResponseEntity<JsonNode> onPartnerCenter = sandbox.partnerCenter(SandboxClient.accessToken(graph),
        HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null);
    assertThat(onPartnerCenter.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(onPartnerCenter.getBody().path("description").asText()).contains("https://graph.microsoft.com");
    String userGraphToken = sandbox.appAndUser(GRAPH);
    assertThat(sandbox.partnerCenter(userGraphToken, HttpMethod.GET, "/profiles/mpn?mpnId=1234567", null)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    String relationships = "/tenantRelationships/delegatedAdminRelationships";
    assertThat(sandbox.graph(SandboxClient.accessToken(graph), HttpMethod.GET, relationships, null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    for (String partnerCenterToken : List.of(sandbox.appOnly(PARTNER_CENTER), sandbox.appAndUser(PARTNER_CENTER))) {
      ResponseEntity<JsonNode> onGraph = sandbox.graph(partnerCenterToken, HttpMethod.GET, relationships, null);
      assertThat(onGraph.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(onGraph.getBody().path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
    }
  }

  @Test
  void aGrantTypeIsRequiredAndOnlyClientCredentialsAndRefreshTokenAreSupported() {
    MultiValueMap<String, String> noGrant = form("client_credentials", PARTNER_CENTER, null);
    noGrant.remove("grant_type");
    assertAzureAdError(sandbox.token(noGrant), HttpStatus.BAD_REQUEST, "invalid_request", 900144);
    assertAzureAdError(sandbox.token(form("password", PARTNER_CENTER, null)), HttpStatus.BAD_REQUEST,
        "unsupported_grant_type", 70003);
    assertAzureAdError(sandbox.token(form("refresh_token", PARTNER_CENTER, null)), HttpStatus.BAD_REQUEST,
        "invalid_request", 900144);
  }

  @Test
  void everyRefreshAnswersANewRefreshTokenAndSpendsTheOneUsed() {
    SandboxClient.Consent consent = sandbox.consent(true);

    ResponseEntity<JsonNode> first = sandbox.redeem(consent.refreshToken(), PARTNER_CENTER);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    String next = first.getBody().path("refresh_token").asText();
    assertThat(next).isNotBlank().isNotEqualTo(consent.refreshToken());
    assertThat(sandbox.partnerCenter(first.getBody().path("access_token").asText(), HttpMethod.GET,
        "/profiles/mpn?mpnId=1234567", null).getStatusCode()).as("an app+user token").isEqualTo(HttpStatus.OK);

    ResponseEntity<JsonNode> reused = sandbox.redeem(consent.refreshToken(), PARTNER_CENTER);
    assertAzureAdError(reused, HttpStatus.BAD_REQUEST, "invalid_grant", 70000);
    assertThat(reused.getBody().path("error_description").asText()).contains("invalid or was already used");
    assertAzureAdError(sandbox.redeem("never-issued", PARTNER_CENTER), HttpStatus.BAD_REQUEST, "invalid_grant",
        70000);

    ResponseEntity<JsonNode> forGraph = sandbox.redeem(next, GRAPH);
    assertThat(forGraph.getStatusCode()).as("one consent serves both resources").isEqualTo(HttpStatus.OK);
    assertThat(forGraph.getBody().path("resource").asText()).isEqualTo(GRAPH);
    assertThat(forGraph.getBody().path("refresh_token").asText()).isNotEqualTo(next);
  }

  @Test
  void ofTwoSimultaneousUsesOfOneRefreshTokenExactlyOneSucceeds() throws Exception {
    int racers = 6;
    for (int round = 0; round < 5; round++) {
      String refreshToken = sandbox.consent(true).refreshToken();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          Callable<ResponseEntity<JsonNode>> race = () -> {
            start.await();
            return sandbox.redeem(refreshToken, PARTNER_CENTER);
          };
          answers.add(pool.submit(race));
        }
        start.countDown();
        List<ResponseEntity<JsonNode>> results = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> answer : answers) {
          results.add(answer.get());
        }
        assertThat(results).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(1);
        assertThat(results).filteredOn(r -> r.getStatusCode() != HttpStatus.OK).hasSize(racers - 1)
            .allSatisfy(r -> assertThat(r.getBody().path("error").asText()).isEqualTo("invalid_grant"));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aConsentUnusedForMoreThan90DaysHasExpired() {
    SandboxClient.Consent recent = sandbox.consent(true);
    travel(recent.id(), 89);
    assertThat(sandbox.redeem(recent.refreshToken(), PARTNER_CENTER).getStatusCode()).isEqualTo(HttpStatus.OK);

    SandboxClient.Consent idle = sandbox.consent(true);
    travel(idle.id(), 91);
    ResponseEntity<JsonNode> expired = sandbox.redeem(idle.refreshToken(), PARTNER_CENTER);

    assertAzureAdError(expired, HttpStatus.BAD_REQUEST, "invalid_grant", 700082);
    assertThat(expired.getBody().path("error_description").asText())
        .startsWith("AADSTS700082: The refresh token has expired due to inactivity.")
        .contains("was inactive for 91.00:00:");
  }

  @Test
  void aRevokedConsentGivesNoMoreTokens() {
    SandboxClient.Consent consent = sandbox.consent(true);
    assertThat(sandbox.admin(HttpMethod.POST, "/consents/" + consent.id() + "/revoke", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    assertAzureAdError(sandbox.redeem(consent.refreshToken(), PARTNER_CENTER), HttpStatus.BAD_REQUEST,
        "invalid_grant", 50173);
    assertThat(sandbox.admin(HttpMethod.POST, "/consents/unknown/revoke", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aConsentWithoutMfaGivesNoAppAndUserToken() {
    ResponseEntity<JsonNode> answer = sandbox.redeem(sandbox.consent(false).refreshToken(), PARTNER_CENTER);

    assertAzureAdError(answer, HttpStatus.BAD_REQUEST, "interaction_required", 50076);
    assertThat(answer.getBody().path("error_description").asText()).contains("multi-factor authentication");
  }

  @Test
  void theConfiguredRefreshTokenBelongsToAnMfaConsentMadeOnceAndRotates() {
    int consentsBefore = consents.consents().size();
    consents.createWithToken(SandboxClient.CONFIGURED_REFRESH_TOKEN);
    assertThat(consents.consents()).as("a restart with a kept database makes no second consent")
        .hasSize(consentsBefore);

    ResponseEntity<JsonNode> first = sandbox.redeem(SandboxClient.CONFIGURED_REFRESH_TOKEN, PARTNER_CENTER);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertAzureAdError(sandbox.redeem(SandboxClient.CONFIGURED_REFRESH_TOKEN, PARTNER_CENTER),
        HttpStatus.BAD_REQUEST, "invalid_grant", 70000);
    consents.createWithToken(SandboxClient.CONFIGURED_REFRESH_TOKEN);
    assertAzureAdError(sandbox.redeem(SandboxClient.CONFIGURED_REFRESH_TOKEN, PARTNER_CENTER),
        HttpStatus.BAD_REQUEST, "invalid_grant", 70000);
    assertThat(sandbox.redeem(first.getBody().path("refresh_token").asText(), PARTNER_CENTER).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void refreshTokensAreStoredOnlyAsHashesAndTheAdminListShowsNone() {
    SandboxClient.Consent consent = sandbox.consent(true);
    String rotated = sandbox.redeem(consent.refreshToken(), PARTNER_CENTER).getBody().path("refresh_token").asText();

    ResponseEntity<JsonNode> listed = sandbox.admin(HttpMethod.GET, "/consents", null);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode mine = null;
    for (JsonNode item : listed.getBody()) {
      if (item.path("consentId").asText().equals(consent.id())) {
        mine = item;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("mfa").asBoolean()).isTrue();
    assertThat(mine.path("revoked").asBoolean()).isFalse();
    assertThat(mine.path("userPrincipalName").asText()).isEqualTo(SandboxConsents.DEFAULT_USER);
    assertThat(listed.getBody().toString()).doesNotContain(consent.refreshToken(), rotated)
        .doesNotContain("refreshToken");
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM sandbox_refresh_token WHERE consent_id = ?",
        consent.id());
    assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.values()).noneSatisfy(value ->
        assertThat(String.valueOf(value)).isIn(consent.refreshToken(), rotated)));
  }

  @Test
  void theSignInMetadataNamesTheTenantOfADomainThatIsNotACustomerYetAndNoneForAnUnknownDomain() {
    String prefix = "meta" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    ResponseEntity<JsonNode> seeded = sandbox.admin(HttpMethod.POST, "/tenants", Map.of("domain", prefix,
        "companyName", "Metadata AB", "relationshipToPartner", "none"));
    String tenantId = seeded.getBody().path("tenantId").asText();

    for (String name : List.of(prefix + ".onmicrosoft.com", tenantId)) {
      ResponseEntity<JsonNode> metadata = sandbox.signInMetadata(name);
      assertThat(metadata.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(metadata.getBody().path("issuer").asText()).isEqualTo("https://sts.windows.net/" + tenantId + "/");
      assertThat(metadata.getBody().path("token_endpoint").asText()).endsWith("/" + tenantId + "/oauth2/token");
    }
    assertAzureAdError(sandbox.signInMetadata("nobody" + prefix + ".onmicrosoft.com"), HttpStatus.BAD_REQUEST,
        "invalid_request", 90002);
  }

  private void travel(String consentId, int days) {
    assertThat(sandbox.admin(HttpMethod.POST, "/consents/" + consentId + "/time-travel", Map.of("days", days))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  static void assertAzureAdError(ResponseEntity<JsonNode> answer, HttpStatus status, String error, int code) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
    JsonNode body = answer.getBody();
    assertThat(body.path("error").asText()).isEqualTo(error);
    assertThat(body.path("error_description").asText()).startsWith("AADSTS" + code + ": ")
        .contains("Trace ID: ", "Correlation ID: ", "Timestamp: ");
    assertThat(body.path("error_codes")).hasSize(1);
    assertThat(body.path("error_codes").get(0).asInt()).isEqualTo(code);
    assertThat(body.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z");
    assertThat(body.path("trace_id").asText()).hasSize(36);
    assertThat(body.path("correlation_id").asText()).hasSize(36);
  }
}
