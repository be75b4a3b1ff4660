package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The activity log: a change made through the API and one made in Microsoft's portal are each an audit record of the
 * customer, in Microsoft's shape; a renewal, Microsoft's own doing, is none; 90 days are kept.
 */
@SandboxSpringTest
class SandboxActivityLogTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @LocalServerPort int port;
  SandboxClient sandbox;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
  }

  @Test
  void changesThroughTheApiAndThePortalAreRecordedARenewalIsNot() {
    String prefix = "audit" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    ResponseEntity<JsonNode> seeded = sandbox.admin(HttpMethod.POST, "/tenants", Map.of("domain", prefix,
        "companyName", "Audit AB", "relationshipToPartner", "reseller", "agreementConfirmed", true,
        "subscriptions", List.of(Map.of("catalogItemId", BUSINESS_BASIC, "quantity", 3, "termDuration", "P1M",
            "billingCycle", "monthly"))));
    assertThat(seeded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String tenant = seeded.getBody().path("tenantId").asText();
    String subscription = seeded.getBody().path("subscriptions").get(0).path("id").asText();
    assertThat(records(tenant)).as("seeding is not an operation of the partner").isEmpty();

    String app = sandbox.appOnly(PARTNER_CENTER);
    String etag = sandbox.partnerCenter(app, HttpMethod.GET, "/customers/" + tenant + "/subscriptions/" + subscription,
        null).getBody().path("attributes").path("etag").asText();
    assertThat(sandbox.partnerCenter(app, HttpMethod.PATCH, "/customers/" + tenant + "/subscriptions/" + subscription,
        Map.of("quantity", 5, "attributes", Map.of("etag", etag))).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sandbox.admin(HttpMethod.PATCH, "/customers/" + tenant + "/subscriptions/" + subscription,
        Map.of("quantity", 7)).getStatusCode().is2xxSuccessful()).isTrue();
    sandbox.admin(HttpMethod.POST, "/customers/" + tenant + "/time-travel", Map.of("hours", 24 * 40));

    List<JsonNode> records = records(tenant);
    assertThat(records).hasSize(2).allSatisfy(record -> {
      assertThat(record.path("customerId").asText()).isEqualTo(tenant);
      assertThat(record.path("customerName").asText()).isEqualTo("Audit AB");
      assertThat(record.path("resourceType").asText()).isEqualTo("subscription");
      assertThat(record.path("operationType").asText()).isEqualTo("update_subscription");
      assertThat(record.path("operationStatus").asText()).isEqualTo("succeeded");
      assertThat(record.path("operationDate").asText()).endsWith("Z");
      assertThat(record.path("attributes").path("objectType").asText()).isEqualTo("AuditRecord");
    });
    assertThat(records.get(0).path("applicationId").asText()).as("through the API, by the partner's application")
        .isNotBlank().isNotEqualTo("Partner Center");
    assertThat(records.get(0).path("userPrincipalName").isNull()).isTrue();
    assertThat(records.get(0).path("resourceNewValue").asText()).contains("\"quantity\":5");
    assertThat(records.get(1).path("userPrincipalName").asText()).as("in the portal")
        .isEqualTo(SandboxActivityLog.PORTAL_USER);
    assertThat(records.get(1).path("resourceNewValue").asText()).contains("\"quantity\":7");
  }

  @Test
  void ninetyDaysAreKept() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(sandbox.auditRecords(sandbox.appOnly(PARTNER_CENTER), today.minusDays(89).toString(), null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> tooOld = sandbox.auditRecords(sandbox.appOnly(PARTNER_CENTER),
        today.minusDays(91).toString(), null);
    assertThat(tooOld.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooOld.getBody().path("description").asText()).contains("90 days");
  }

  private List<JsonNode> records(String tenant) {
    ResponseEntity<JsonNode> answer = sandbox.auditRecords(sandbox.appOnly(PARTNER_CENTER),
        LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), tenant);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return StreamSupport.stream(answer.getBody().path("items").spliterator(), false).toList();
  }
}
