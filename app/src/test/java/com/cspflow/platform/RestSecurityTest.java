package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.platform.security.ApiClients;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The doors, tried over HTTP as a browser, an integration or an intruder would. */
@CspflowSpringTest
class RestSecurityTest {

  @Autowired TestRestTemplate http;
  @Autowired ApiCallers callers;
  @Autowired ApiClients clients;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;

  @Test
  void theEngineRestApiIsForAdministratorsOnly() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    for (TestRestTemplate notAnAdministrator : new TestRestTemplate[] {callers.backoffice(), callers.owner(),
        callers.portal()}) {
      assertThat(notAnAdministrator.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
          .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
      assertThat(deploy(notAnAdministrator).getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    }
    assertThat(callers.admin().getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anApiClientsTokenOnTheEngineRestApiIsToldWhatThatApiTakes() {
    ResponseEntity<String> portal = callers.portal().getForEntity("/engine-rest/process-definition", String.class);

    assertThat(portal.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(portal.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"cspflow\"");
    assertThat(portal.getBody()).contains("HTTP Basic").contains("/api").doesNotContain("bearer token from");
    assertThat(callers.backoffice().getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void wrongPasswordsSentInSomeonesNameNeverLockThePersonOut() {
    for (int attempt = 0; attempt < 25; attempt++) {
      assertThat(http.withBasicAuth("backoffice", "guess-" + attempt).getForEntity("/api/catalog", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(callers.backoffice().getForEntity("/api/catalog", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    WebappSession browser = WebappSession.signIn(http.getRootUri(), "backoffice", "backoffice");
    assertThat(browser.get("/task?maxResults=1").status()).isEqualTo(200);
    assertThat(identityService.createUserQuery().userId("backoffice").singleResult()).isNotNull();
  }

  @Test
  void actuatorShowsLivenessReadinessAndStatusToAnyoneAndDetailsAndMetricsToOperators() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"").doesNotContain("processEngine").doesNotContain("db");
    assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(callers.backoffice().getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(callers.owner().getForEntity("/actuator/prometheus", String.class).getBody())
        .contains("jvm_memory_used_bytes");
    assertThat(callers.owner().getForEntity("/actuator/health", String.class).getBody()).contains("processEngine");
  }

  @Test
  void onlyTheBackOfficeAndAdministratorsRefreshTheCatalog() {
    assertThat(callers.portal().postForEntity("/api/catalog/refresh", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(callers.owner().postForEntity("/api/catalog/refresh", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(callers.partner("partner-refresher").postForEntity("/api/catalog/refresh", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(callers.backoffice().postForEntity("/api/catalog/refresh", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anApiClientIsAPartnersSystemNamingItsPartnerOrThePortalNamingNone() {
    Map<String, Map<String, String>> refused = Map.of(
        "role BACKOFFICE", Map.of("clientId", "people-client", "name", "People", "role", "BACKOFFICE"),
        "partner client without partner", Map.of("clientId", "no-partner", "name", "No partner", "role", "PARTNER"),
        "portal with a partner", Map.of("clientId", "portal-partner", "name", "Portal", "role", "MARKETPLACE",
            "partnerId", "partner-1"));
    Map<String, String> field = Map.of("role BACKOFFICE", "role", "partner client without partner", "partnerId",
        "portal with a partner", "partnerId");
    refused.forEach((what, body) -> {
      ResponseEntity<JsonNode> answer = callers.admin().postForEntity("/api/admin/clients", ApiCallers.json(body),
          JsonNode.class);
      assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
      JsonNode problems = answer.getBody().path("problems");
      assertThat(problems.fieldNames()).toIterable().as(what + ": " + problems).containsExactly(field.get(what));
    });
    ResponseEntity<JsonNode> people = callers.admin().postForEntity("/api/admin/clients", ApiCallers.json(
        refused.get("role BACKOFFICE")), JsonNode.class);
    assertThat(people.getBody().path("problems").path("role").asText())
        .isEqualTo("must be one of PARTNER, MARKETPLACE");
    assertThat(callers.admin().getForEntity("/api/admin/clients", String.class).getBody())
        .doesNotContain("people-client").doesNotContain("no-partner").doesNotContain("portal-partner");
  }

  @Test
  void anAdministratorRegistersAnApiClientWhoseSecretIsShownOnceAndDisablesIt() {
    assertThat(callers.portal().postForEntity("/api/admin/clients", ApiCallers.json(Map.of("clientId",
        "sneaky-client", "name", "Sneaky", "role", "MARKETPLACE")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> registered = callers.admin().postForEntity("/api/admin/clients", ApiCallers.json(Map.of(
        "clientId", "contoso-reseller-system", "name", "Contoso Reseller's system", "role", "PARTNER",
        "partnerId", "contoso-reseller")), JsonNode.class);
    assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String secret = registered.getBody().path("clientSecret").asText();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
    assertThat(callers.admin().getForEntity("/api/admin/clients", String.class).getBody())
        .contains("contoso-reseller-system").doesNotContain(secret).doesNotContain("secret_hash");
    ResponseEntity<String> atItsLocation = callers.admin().getForEntity(registered.getHeaders().getLocation(),
        String.class);
    assertThat(atItsLocation.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(atItsLocation.getBody()).contains("\"clientId\":\"contoso-reseller-system\"")
        .contains("\"enabled\":true").doesNotContain(secret).doesNotContain("secret_hash");
    assertThat(callers.admin().getForEntity("/api/admin/clients/never-registered", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(callers.tokenRequest("contoso-reseller-system", "wrong").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<JsonNode> token = callers.tokenRequest("contoso-reseller-system", secret);
    assertThat(token.getStatusCode()).isEqualTo(HttpStatus.OK);
    TestRestTemplate system = callers.bearer(token.getBody().path("access_token").asText());
    assertThat(system.getForEntity("/api/catalog", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(callers.admin().exchange("/api/admin/clients/contoso-reseller-system", HttpMethod.DELETE, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(callers.admin().getForEntity("/api/admin/clients/contoso-reseller-system", String.class).getBody())
        .contains("\"enabled\":false");
    assertThat(system.getForEntity("/api/catalog", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(callers.tokenRequest("contoso-reseller-system", secret).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theWebappsStartProcessesOnlyAtTheirStartEventWithTheDeclaredVariables() throws Exception {
    WebappSession backoffice = WebappSession.signIn(http.getRootUri(), "backoffice", "backoffice");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count();

    WebappSession.Answer skipped = backoffice.post("/process-definition/key/customerOnboarding/start",
        "{\"variables\": {\"partnerId\": {\"value\": \"partner-1\"}, \"organizationName\": {\"value\": \"Skip AB\"}},"
            + " \"startInstructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"EndEvent_OrganizationOnboarded\"}]}");
    assertThat(skipped.status()).isEqualTo(403);
    WebappSession.Answer spoofed = backoffice.post("/process-definition/key/customerOnboarding/submit-form",
        "{\"variables\": {\"partnerId\": {\"value\": \"partner-1\"}, \"organizationName\": {\"value\": \"Spoof AB\"},"
            + " \"detailsComplete\": {\"value\": true}}}");
    assertThat(spoofed.status()).as(spoofed.body()).isEqualTo(400);
    assertThat(spoofed.body()).contains("detailsComplete");
    WebappSession.Answer unknownPartner = backoffice.post("/process-definition/key/customerOnboarding/submit-form",
        "{\"variables\": {\"partnerId\": {\"value\": \"no-such-partner\"}, \"organizationName\": {\"value\": \"Ghost AB\"}}}");
    assertThat(unknownPartner.status()).as(unknownPartner.body()).isEqualTo(400);
    assertThat(unknownPartner.body()).contains("partnerId").contains("is not a partner of the marketplace");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM organization WHERE name = 'Ghost AB'").query(Long.class).single())
        .as("nothing stored").isZero();
    WebappSession.Answer timerOnly = backoffice.post("/process-definition/key/monthlyUpdateSchedule/start", "{}");
    assertThat(timerOnly.status()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("customerOnboarding").count())
        .isEqualTo(before);

    WebappSession.Answer started = backoffice.post("/process-definition/key/customerOnboarding/submit-form",
        "{\"variables\": {\"partnerId\": {\"value\": \"partner-1\"}, \"organizationName\": {\"value\": \"Litware AB\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
  }

  @Test
  void processOwnersMayNotCompleteTasksButTheBackOfficeMayWithTheTasksOwnFieldsOnly() {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Adatum AB")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    WebappSession owner = WebappSession.signIn(http.getRootUri(), "owner", "owner", "cockpit");
    assertThat(owner.post("/task/" + task + "/complete", "{}").status()).isIn(403, 404);

    WebappSession backoffice = WebappSession.signIn(http.getRootUri(), "backoffice", "backoffice");
    WebappSession.Answer overreach = backoffice.post("/task/" + task + "/complete",
        "{\"variables\": {\"contactFirstName\": {\"value\": \"Ada\"}, \"organizationId\": {\"value\": \"x\"}}}");
    assertThat(overreach.status()).as(overreach.body()).isEqualTo(400);
    assertThat(overreach.body()).contains("organizationId");
    WebappSession.Answer typed = backoffice.post("/task/" + task + "/complete",
        "{\"variables\": {\"contactFirstName\": {\"value\": 42}}}");
    assertThat(typed.status()).isEqualTo(400);
    WebappSession.Answer completed = backoffice.post("/task/" + task + "/complete",
        "{\"variables\": {\"contactFirstName\": {\"value\": \"Ada\"}}}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    assertThat(backoffice.post("/execution/" + instance + "/localVariables/organizationId",
        "{\"value\": \"x\"}").status()).isIn(403, 404, 405);
  }

  private ResponseEntity<String> deploy(TestRestTemplate as) {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "intrusion");
    body.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
      @Override
      public String getFilename() {
        return "intrusion.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }
}
