package com.cspflow.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The first half of the marketplace guide driven only over HTTP, as the portal, the back office and an
 * operator would, against the built-in CSP sandbox: partner first setup, a new organization whose address
 * the back office completes, and Microsoft 365 added as a new tenant. Jobs run through the REST API too
 * (the test profile has no job executor).
 */
@CspflowSpringTest
class ActivationOverRestEndToEndTest {

  @Autowired TestRestTemplate http;

  @Test
  void aPartnerAddsTheServiceOnboardsACustomerAndActivatesMicrosoft365() {
    String partnerId = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode setup = start("partnerSetup", Map.of("partnerId", partnerId, "mpnId", "1234567",
        "contactName", "Petra Partner", "contactEmail", "petra@partner.example"));
    runJobsOf(setup.get("id").asText());
    assertThat(portal().getForEntity("/api/partners/" + partnerId + "/price-list", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    Map<String, Object> organization = new HashMap<>(Map.of("partnerId", partnerId, "organizationName", "Contoso AB",
        "contactFirstName", "Anna", "contactLastName", "Andersson", "contactEmail", "anna@contoso.example",
        "contactPhone", "+46 8 123 456", "postalCode", "111 51", "city", "Stockholm", "country", "SE"));
    JsonNode onboarding = start("customerOnboarding", organization);
    String organizationId = onboarding.get("businessKey").asText();
    JsonNode tasks = backoffice().getForObject("/engine-rest/task?candidateGroup=backoffice&processInstanceId="
        + onboarding.get("id").asText(), JsonNode.class);
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("name").asText()).isEqualTo("Complete organization details");
    ResponseEntity<String> completed = backoffice().postForEntity(
        "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
        json(Map.of("variables", Map.of("street", Map.of("value", "Drottninggatan 1")))), String.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(organization(organizationId).at("/organization/detailsComplete").asBoolean()).isTrue();

    JsonNode activation = start("serviceActivation", Map.of("organizationId", organizationId, "mode", "NEW_TENANT",
        "domainPrefix", Fixtures.uniqueDomainPrefix("contoso"), "agreementConfirmed", true));
    runJobsOf(activation.get("id").asText());

    JsonNode service = organization(organizationId).get("microsoft365");
    assertThat(service.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(service.get("tenantId").asText()).isNotBlank();
    assertThat(service.get("agreementConfirmedBy").asText()).isEqualTo("portal");
  }

  @Test
  void theProjectApiNeedsASignedInUserAndAnswers404ForUnknownOrganizations() {
    assertThat(http.getForEntity("/api/organizations/x", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(portal().getForEntity("/api/organizations/x", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private JsonNode start(String processKey, Map<String, Object> variables) {
    Map<String, Object> typed = new HashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    ResponseEntity<JsonNode> started = portal().postForEntity(
        "/engine-rest/process-definition/key/" + processKey + "/start", json(Map.of("variables", typed)),
        JsonNode.class);
    assertThat(started.getStatusCode()).as("start %s", processKey).isEqualTo(HttpStatus.OK);
    return started.getBody();
  }

  /** What the job executor would do: run the instance's due jobs until it waits for something else. */
  private void runJobsOf(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      JsonNode jobs = admin().getForObject("/engine-rest/job?processInstanceId=" + processInstanceId, JsonNode.class);
      if (jobs.isEmpty()) {
        return;
      }
      ResponseEntity<String> executed = admin().postForEntity(
          "/engine-rest/job/" + jobs.get(0).get("id").asText() + "/execute", json(Map.of()), String.class);
      assertThat(executed.getStatusCode()).as(executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    throw new AssertionError("Process instance " + processInstanceId + " still has jobs after 20 rounds");
  }

  private JsonNode organization(String id) {
    return portal().getForObject("/api/organizations/" + id, JsonNode.class);
  }

  private TestRestTemplate portal() {
    return http.withBasicAuth("portal", "portal");
  }

  private TestRestTemplate backoffice() {
    return http.withBasicAuth("backoffice", "backoffice");
  }

  private TestRestTemplate admin() {
    return http.withBasicAuth("admin", "admin");
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
