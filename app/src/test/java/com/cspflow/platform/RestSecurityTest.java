package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The security baseline, exercised over HTTP as a browser or another system would. */
@CspflowSpringTest
class RestSecurityTest {

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  @Test
  void anonymousCallsAreUnauthorized() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("portal", "wrong password")
        .getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // A wrong password locks the user for a few seconds (Camunda's login throttling); other test classes,
    // whichever order they run in, sign in as portal right after this one.
    identityService.unlockUser("portal");
  }

  @Test
  void integrationMayNotTouchIdentityOrDeployments() {
    TestRestTemplate portal = http.withBasicAuth("portal", "portal");
    ResponseEntity<String> createUser = portal.postForEntity("/engine-rest/user/create",
        json(Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "intruder1"))), String.class);
    assertThat(createUser.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> createGroup = portal.postForEntity("/engine-rest/group/create",
        json(Map.of("id", "intruders", "name", "Intruders")), String.class);
    assertThat(createGroup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(deploy(portal).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    String anyDeployment = repositoryService.createDeploymentQuery().list().get(0).getId();
    assertThat(portal.getForEntity("/engine-rest/deployment/" + anyDeployment + "/resources", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(portal.getForEntity("/engine-rest/deployment", String.class).getBody()).isEqualTo("[]");
    assertThat(repositoryService.createDeploymentQuery().deploymentId(anyDeployment).count()).isEqualTo(1);
  }

  @Test
  void integrationMayStartProcessesAndReadThem() {
    TestRestTemplate portal = http.withBasicAuth("portal", "portal");
    ResponseEntity<String> started = portal.postForEntity("/engine-rest/process-definition/key/customerOnboarding/start",
        json(Map.of("variables", Map.of(
            "partnerId", Map.of("value", "partner-1"),
            "organizationName", Map.of("value", "Litware AB")))), String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(portal.getForEntity("/engine-rest/task?processDefinitionKey=customerOnboarding", String.class).getBody())
        .contains("Complete organization details");
  }

  @Test
  void backofficeMayNotDeploy() {
    assertThat(deploy(http.withBasicAuth("backoffice", "backoffice")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void processOwnersMayNotCompleteTasksButTheBackOfficeMay() {
    String instance = runtimeService.startProcessInstanceByKey("customerOnboarding",
        Map.of("partnerId", "partner-1", "organizationName", "Adatum AB")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    ResponseEntity<String> byOwner = http.withBasicAuth("owner", "owner")
        .postForEntity("/engine-rest/task/" + task + "/complete", json(Map.of()), String.class);
    assertThat(byOwner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("owner", "owner")
        .getForEntity("/engine-rest/process-instance/" + instance, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> byBackoffice = http.withBasicAuth("backoffice", "backoffice")
        .postForEntity("/engine-rest/task/" + task + "/complete", json(Map.of("variables", Map.of(
            "contactFirstName", Map.of("value", "Ada")))), String.class);
    assertThat(byBackoffice.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
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

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
