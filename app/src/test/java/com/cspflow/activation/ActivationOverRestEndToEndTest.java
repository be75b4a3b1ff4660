package com.cspflow.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The first half of the marketplace guide driven only over HTTP, as the portal (an API client), the back office (in
 * the webapps, as Tasklist does) and an operator (the engine's REST API) would, against the CSP sandbox: partner
 * first setup, a new organization whose address the back office completes, and Microsoft 365 added as a new tenant.
 * Jobs run through the engine's REST API too (the test profile has no job executor).
 */
@CspflowSpringTest
class ActivationOverRestEndToEndTest {

  @Autowired TestRestTemplate http;
  @Autowired ApiCallers callers;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aPartnerAddsTheServiceOnboardsACustomerAndActivatesMicrosoft365() throws Exception {
    String partnerId = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    TestRestTemplate portal = callers.portal();
    ResponseEntity<JsonNode> setup = portal.postForEntity("/api/partners/" + partnerId + "/microsoft365",
        ApiCallers.json(Map.of("mpnId", "1234567", "contactName", "Petra Partner",
            "contactEmail", "petra@partner.example")), JsonNode.class);
    assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(setup.getBody().path("status").asText()).isEqualTo("PENDING");
    runJobsOf("partnerSetup", partnerId);
    assertThat(portal.getForEntity("/api/partners/" + partnerId + "/price-list", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(portal.getForObject("/api/partners/" + partnerId, JsonNode.class).path("status").asText())
        .isEqualTo("ACTIVE");

    Map<String, Object> organization = new HashMap<>(Map.of("organizationName", "Contoso AB",
        "contactFirstName", "Anna", "contactLastName", "Andersson", "contactEmail", "anna@contoso.example",
        "contactPhone", "+46 8 123 456", "postalCode", "111 51", "city", "Stockholm", "country", "SE"));
    ResponseEntity<JsonNode> created = portal.postForEntity("/api/partners/" + partnerId + "/organizations",
        ApiCallers.json(organization), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String organizationId = created.getBody().path("id").asText();
    assertThat(created.getHeaders().getLocation()).hasPath("/api/partners/" + partnerId + "/organizations/"
        + organizationId);
    assertThat(created.getBody().path("detailsComplete").asBoolean()).isFalse();

    WebappSession backoffice = WebappSession.signIn(http.getRootUri(), "backoffice", "backoffice");
    JsonNode tasks = json.readTree(backoffice.get("/task?processInstanceBusinessKey=" + organizationId).body());
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("name").asText()).isEqualTo("Complete organization details");
    WebappSession.Answer completed = backoffice.post("/task/" + tasks.get(0).get("id").asText() + "/submit-form",
        "{\"variables\": {\"street\": {\"value\": \"Drottninggatan 1\"}}}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    assertThat(organization(partnerId, organizationId).at("/organization/detailsComplete").asBoolean()).isTrue();

    ResponseEntity<JsonNode> activation = portal.postForEntity("/api/partners/" + partnerId + "/organizations/"
        + organizationId + "/microsoft365", ApiCallers.json(Map.of("mode", "NEW_TENANT",
        "domainPrefix", Fixtures.uniqueDomainPrefix("contoso"), "agreementConfirmed", true,
        "confirmedBy", "Anna Andersson")), JsonNode.class);
    assertThat(activation.getStatusCode()).as(activation.toString()).isEqualTo(HttpStatus.ACCEPTED);
    runJobsOf("serviceActivation", organizationId);

    JsonNode service = organization(partnerId, organizationId).get("microsoft365");
    assertThat(service.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(service.get("tenantId").asText()).isNotBlank();
    assertThat(service.get("agreementConfirmedBy").asText()).isEqualTo("Anna Andersson (via client:portal)");

    assertThat(callers.partner(partnerId).getForObject("/api/partners/" + partnerId + "/organizations/"
        + organizationId, JsonNode.class).at("/microsoft365/status").asText()).isEqualTo("ACTIVE");
    assertThat(callers.partner("partner-" + UUID.randomUUID().toString().substring(0, 8)).getForEntity(
        "/api/partners/" + partnerId + "/organizations/" + organizationId, String.class).getStatusCode())
        .as("another partner's system").isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theProjectApiNeedsASignedInCallerAndAnswers404ForUnknownOrganizations() {
    String unknown = "/api/partners/partner-1/organizations/" + UUID.randomUUID();
    assertThat(http.getForEntity(unknown, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(callers.portal().getForEntity(unknown, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** What the job executor would do: run the instance's due jobs until it waits for something else. */
  private void runJobsOf(String processKey, String businessKey) {
    TestRestTemplate admin = callers.admin();
    String instance = admin.getForObject("/engine-rest/process-instance?processDefinitionKey=" + processKey
        + "&businessKey=" + businessKey, JsonNode.class).get(0).get("id").asText();
    for (int round = 0; round < 20; round++) {
      JsonNode jobs = admin.getForObject("/engine-rest/job?processInstanceId=" + instance, JsonNode.class);
      if (jobs.isEmpty()) {
        return;
      }
      ResponseEntity<String> executed = admin.postForEntity(
          "/engine-rest/job/" + jobs.get(0).get("id").asText() + "/execute", ApiCallers.json(Map.of()), String.class);
      assertThat(executed.getStatusCode()).as(executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    throw new AssertionError("Process instance " + instance + " still has jobs after 20 rounds");
  }

  private JsonNode organization(String partnerId, String id) {
    return callers.portal().getForObject("/api/partners/" + partnerId + "/organizations/" + id, JsonNode.class);
  }
}
