package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.GRAPH;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code sandbox.gdap.assign-default-group=false} a new customer's default relationship comes as Microsoft
 * makes it: active, but assigned to no group, so the partner must assign its agent group before it has any role.
 */
@SandboxSpringTest
@TestPropertySource(properties = "sandbox.gdap.assign-default-group=false")
class SandboxGdapWithoutDefaultAssignmentTest {

  @LocalServerPort int port;

  @Test
  void theDefaultRelationshipGivesNoRoleUntilThePartnerAssignsItsAgentGroup() {
    SandboxClient sandbox = new SandboxClient(port);
    String graphToken = sandbox.appOnly(GRAPH);
    String userToken = sandbox.appAndUser(PARTNER_CENTER);
    String customerId = sandbox.newCustomer().path("id").asText();
    JsonNode relationship = sandbox.graph(graphToken, HttpMethod.GET, "/tenantRelationships/"
        + "delegatedAdminRelationships?$filter=customer/tenantId eq '" + customerId + "'", null).getBody()
        .path("value").get(0);
    String assignments = "/tenantRelationships/delegatedAdminRelationships/" + relationship.path("id").asText()
        + "/accessAssignments";
    assertThat(relationship.path("status").asText()).isEqualTo("active");
    assertThat(sandbox.graph(graphToken, HttpMethod.GET, assignments, null).getBody().path("value")).isEmpty();

    ResponseEntity<JsonNode> refused = sandbox.partnerCenter(userToken, HttpMethod.GET,
        "/customers/" + customerId + "/users", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody().path("description").asText()).contains("not assigned to the partner's security group");

    assertThat(sandbox.graph(graphToken, HttpMethod.POST, assignments, Map.of(
        "accessContainer", Map.of("accessContainerId", SandboxGdapTest.AGENT_GROUP,
            "accessContainerType", "securityGroup"),
        "accessDetails", Map.of("unifiedRoles", List.of(Map.of("roleDefinitionId",
            SandboxGdapRoles.DIRECTORY_READERS))))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(sandbox.partnerCenter(userToken, HttpMethod.GET, "/customers/" + customerId + "/users", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
