package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.GRAPH;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static com.cspflow.sandbox.SandboxGdapRoles.DIRECTORY_READERS;
import static com.cspflow.sandbox.SandboxGdapRoles.GLOBAL_ADMINISTRATOR;
import static com.cspflow.sandbox.SandboxGdapRoles.LICENSE_ADMINISTRATOR;
import static com.cspflow.sandbox.SandboxGdapRoles.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR;
import static com.cspflow.sandbox.SandboxGdapRoles.USER_ADMINISTRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GDAP: the default relationship of a customer the partner creates, none for tenants that exist without it, the
 * roles listing users and resetting passwords need, and a relationship's life through Microsoft Graph.
 */
@SandboxSpringTest
class SandboxGdapTest {

  static final String AGENT_GROUP = "3b5e8e0c-5d21-4f0a-9c8e-6a1f2d7c4b90";
  static final String RESET = "Sandbox-Reset-Pw-1!";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  SandboxClient sandbox;
  String graphToken;
  String userToken;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
    graphToken = sandbox.appOnly(GRAPH);
    userToken = sandbox.appAndUser(PARTNER_CENTER);
  }

  @Test
  void aCustomerThePartnerCreatesHasAnActiveDefaultRelationshipWithItsRolesAssignedToTheAgentGroup() {
    String customerId = sandbox.newCustomer().path("id").asText();

    ResponseEntity<JsonNode> listed = sandbox.graph(graphToken, HttpMethod.GET,
        "/tenantRelationships/delegatedAdminRelationships?$filter=customer/tenantId eq '" + customerId + "'", null);

    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody().path("@odata.context").asText())
        .endsWith("/graph/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships");
    assertThat(listed.getBody().path("value")).hasSize(1);
    JsonNode relationship = listed.getBody().path("value").get(0);
    assertThat(relationship.path("@odata.type").asText()).isEqualTo("#microsoft.graph.delegatedAdminRelationship");
    assertThat(relationship.path("@odata.etag").asText()).startsWith("W/\"");
    assertThat(relationship.path("status").asText()).isEqualTo("active");
    assertThat(relationship.path("duration").asText()).isEqualTo("P730D");
    assertThat(relationship.path("customer").path("tenantId").asText()).isEqualTo(customerId);
    assertThat(roles(relationship)).containsExactlyInAnyOrder(DIRECTORY_READERS, USER_ADMINISTRATOR,
        PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, LICENSE_ADMINISTRATOR);
    Instant activated = Instant.parse(relationship.path("activatedDateTime").asText());
    assertThat(Duration.between(activated, Instant.parse(relationship.path("endDateTime").asText())).toDays())
        .isEqualTo(730);

    JsonNode assignments = sandbox.graph(graphToken, HttpMethod.GET, "/tenantRelationships/"
        + "delegatedAdminRelationships/" + relationship.path("id").asText() + "/accessAssignments", null).getBody();
    assertThat(assignments.path("@odata.context").asText()).endsWith("$metadata#accessAssignments");
    assertThat(assignments.path("value")).singleElement().satisfies(assignment -> {
      assertThat(assignment.path("@odata.type").asText()).isEqualTo("#microsoft.graph.delegatedAdminAccessAssignment");
      assertThat(assignment.path("status").asText()).isEqualTo("active");
      assertThat(assignment.path("accessContainer").path("accessContainerId").asText()).isEqualTo(AGENT_GROUP);
      assertThat(assignment.path("accessContainer").path("accessContainerType").asText()).isEqualTo("securityGroup");
      assertThat(roles(assignment)).hasSize(4);
    });

    ResponseEntity<JsonNode> users = listUsers(customerId);
    assertThat(users.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(users.getBody().path("items")).singleElement().satisfies(user -> {
      assertThat(user.path("userPrincipalName").asText()).startsWith("admin@");
      assertThat(user.path("usageLocation").asText()).isEqualTo("SE");
      assertThat(user.path("links").path("self").path("uri").asText())
          .isEqualTo("/customers/" + customerId + "/users/" + user.path("id").asText());
      assertThat(user.path("attributes").path("objectType").asText()).isEqualTo("CustomerUser");
    });
    assertThat(users.getBody().path("links").path("self").path("uri").asText())
        .isEqualTo("/customers/" + customerId + "/users");
  }

  @Test
  void tenantsThatBecameCustomersWithoutThePartnerCreatingThemHaveNoRelationship() {
    String seeded = existingCustomer();
    String accepted = existingTenant("none");
    JsonNode tenant = sandbox.admin(HttpMethod.GET, "/customers/" + accepted + "/gdap", null).getBody();
    assertThat(sandbox.admin(HttpMethod.POST, "/relationship-requests/accept", Map.of("domain",
        domainOf(accepted))).getStatusCode()).isEqualTo(HttpStatus.OK);

    for (String customerId : List.of(seeded, accepted)) {
      assertThat(sandbox.graph(graphToken, HttpMethod.GET, "/tenantRelationships/delegatedAdminRelationships"
          + "?$filter=customer/tenantId eq '" + customerId + "'", null).getBody().path("value")).isEmpty();
      assertGdapRefusal(listUsers(customerId), "There is no active GDAP relationship");
      assertGdapRefusal(reset(customerId, adminOf(customerId), RESET), "There is no active GDAP relationship");
    }
    assertThat(tenant.path("relationships")).isEmpty();
    assertThat(tenant.path("agentGroupId").asText()).isEqualTo(AGENT_GROUP);
  }

  @Test
  void listingUsersNeedsAReadingRoleTheRelationshipHoldsAndAssignsToTheAgentGroup() {
    String customerId = sandbox.newCustomer().path("id").asText();

    reshape(customerId, List.of(LICENSE_ADMINISTRATOR), true);
    ResponseEntity<JsonNode> withoutRole = listUsers(customerId);
    assertGdapRefusal(withoutRole, "holds none of the roles");
    assertThat(withoutRole.getBody().path("description").asText()).contains("Directory Readers", "Global Reader",
        "User Administrator");

    reshape(customerId, List.of(DIRECTORY_READERS), false);
    assertGdapRefusal(listUsers(customerId), "are not assigned to the partner's security group " + AGENT_GROUP);

    reshape(customerId, List.of(DIRECTORY_READERS), true);
    assertThat(listUsers(customerId).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(sandbox.admin(HttpMethod.DELETE, "/customers/" + customerId + "/gdap", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertGdapRefusal(listUsers(customerId), "There is no active GDAP relationship");
    assertThat(sandbox.admin(HttpMethod.GET, "/customers/" + customerId + "/gdap", null).getBody()
        .path("relationships").get(0).path("status").asText()).isEqualTo("terminated");
  }

  @Test
  void userAdministratorResetsAnOrdinaryUsersPasswordButAnAdministratorsNeedsPrivilegedAuthenticationAdministrator() {
    JsonNode customer = sandbox.newCustomer();
    String customerId = customer.path("id").asText();
    String domain = customer.path("companyProfile").path("domain").asText();
    JsonNode ordinary = sandbox.admin(HttpMethod.POST, "/customers/" + customerId + "/users",
        Map.of("userPrincipalName", "erik@" + domain, "firstName", "Erik", "lastName", "Ek")).getBody();
    reshape(customerId, List.of(USER_ADMINISTRATOR), true);

    ResponseEntity<JsonNode> ordinaryReset = reset(customerId, ordinary.path("id").asText(), RESET);
    assertThat(ordinaryReset.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ordinaryReset.getBody().path("userPrincipalName").asText()).isEqualTo("erik@" + domain);
    assertThat(ordinaryReset.getBody().path("passwordProfile").path("forceChangePassword").asBoolean()).isTrue();
    assertThat(ordinaryReset.getBody().path("passwordProfile").has("password")).isFalse();

    ResponseEntity<JsonNode> adminReset = reset(customerId, adminOf(customerId), RESET);
    assertGdapRefusal(adminReset, "holds none of the roles");
    assertThat(adminReset.getBody().path("description").asText())
        .contains("administrator admin@" + domain, "Privileged Authentication Administrator")
        .doesNotContain("User Administrator");

    reshape(customerId, List.of(USER_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR), true);
    assertThat(reset(customerId, adminOf(customerId), RESET).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sandbox.partnerCenter(userToken, HttpMethod.PATCH, "/customers/" + customerId + "/users/"
        + adminOf(customerId) + "/resetpassword", Map.of("passwordProfile", Map.of("password", RESET,
        "forceChangePassword", true))).getStatusCode()).as("the localized page's path").isEqualTo(HttpStatus.OK);
  }

  @Test
  void aRelationshipCreatedLockedApprovedAndAssignedThroughGraphLetsThePartnerResetAPassword() {
    String customerId = existingCustomer();
    String admin = adminOf(customerId);

    ResponseEntity<JsonNode> created = sandbox.graph(graphToken, HttpMethod.POST,
        "/tenantRelationships/delegatedAdminRelationships", Map.of(
            "displayName", "cspflow " + customerId.substring(0, 8), "duration", "P730D",
            "customer", Map.of("tenantId", customerId, "displayName", "Fabrikam"),
            "accessDetails", Map.of("unifiedRoles", List.of(Map.of("roleDefinitionId", USER_ADMINISTRATOR),
                Map.of("roleDefinitionId", PRIVILEGED_AUTHENTICATION_ADMINISTRATOR))),
            "autoExtendDuration", "P180D"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = created.getBody().path("id").asText();
    String relationship = "/tenantRelationships/delegatedAdminRelationships/" + id;
    assertThat(created.getHeaders().getLocation().toString()).endsWith("/graph/v1.0" + relationship);
    assertThat(created.getBody().path("@odata.context").asText()).endsWith("$metadata#delegatedAdminRelationships");
    assertThat(created.getBody().path("status").asText()).isEqualTo("created");
    assertThat(created.getBody().path("autoExtendDuration").asText()).isEqualTo("P180D");
    assertThat(created.getBody().path("activatedDateTime").isNull()).isTrue();
    assertGdapRefusal(reset(customerId, admin, RESET), "There is no active GDAP relationship");
    assertGraphError(assign(id, List.of(USER_ADMINISTRATOR)), HttpStatus.BAD_REQUEST, "invalidRequest");

    ResponseEntity<JsonNode> locked = sandbox.graph(graphToken, HttpMethod.POST, relationship + "/requests",
        Map.of("action", "lockForApproval"));
    assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(locked.getBody().path("@odata.type").asText())
        .isEqualTo("#microsoft.graph.delegatedAdminRelationshipRequest");
    assertThat(locked.getBody().path("action").asText()).isEqualTo("lockForApproval");
    assertThat(locked.getHeaders().getLocation().toString())
        .contains(relationship + "/requests/" + locked.getBody().path("id").asText());
    assertThat(status(relationship)).isEqualTo("approvalPending");

    ResponseEntity<JsonNode> approved = sandbox.admin(HttpMethod.POST, "/gdap/relationships/" + id + "/approve", null);
    assertThat(approved.getBody().path("status").asText()).isEqualTo("active");
    assertThat(approved.getBody().path("activatedDateTime").asText()).isNotBlank();
    assertThat(status(relationship)).isEqualTo("active");
    assertGdapRefusal(reset(customerId, admin, RESET), "are not assigned to the partner's security group");

    ResponseEntity<JsonNode> assigned = assign(id, List.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR));
    assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(assigned.getBody().path("status").asText()).isEqualTo("active");
    assertThat(assigned.getHeaders().getLocation().toString())
        .endsWith(relationship + "/accessAssignments/" + assigned.getBody().path("id").asText());
    assertThat(sandbox.graph(graphToken, HttpMethod.GET, relationship + "/accessAssignments", null).getBody()
        .path("value")).hasSize(1);
    assertThat(reset(customerId, admin, RESET).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(sandbox.graph(graphToken, HttpMethod.POST, relationship + "/requests", Map.of("action", "terminate"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(status(relationship)).isEqualTo("terminated");
    assertGdapRefusal(reset(customerId, admin, RESET), "There is no active GDAP relationship");
  }

  @Test
  void graphAnswersOnlyGraphTokensAndRefusesWhatGraphRefusesInItsErrorShape() {
    String relationships = "/tenantRelationships/delegatedAdminRelationships";
    ResponseEntity<JsonNode> partnerCenterToken = sandbox.graph(sandbox.appOnly(PARTNER_CENTER), HttpMethod.GET,
        relationships, null);
    assertGraphError(partnerCenterToken, HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken");
    assertThat(partnerCenterToken.getHeaders().getFirst("request-id")).isNotBlank();
    assertGraphError(sandbox.graph("forged", HttpMethod.GET, relationships, null), HttpStatus.UNAUTHORIZED,
        "InvalidAuthenticationToken");
    assertThat(sandbox.graph(sandbox.appAndUser(GRAPH), HttpMethod.GET, relationships, null).getStatusCode())
        .as("an app+user Graph token is as good").isEqualTo(HttpStatus.OK);

    String unknown = UUID.randomUUID() + "-" + UUID.randomUUID();
    assertGraphError(sandbox.graph(graphToken, HttpMethod.GET, relationships + "/" + unknown, null),
        HttpStatus.NOT_FOUND, "itemNotFound");
    assertGraphError(sandbox.graph(graphToken, HttpMethod.GET, relationships + "/" + unknown + "/accessAssignments",
        null), HttpStatus.NOT_FOUND, "itemNotFound");
    assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, relationships + "/" + unknown + "/requests",
        Map.of("action", "lockForApproval")), HttpStatus.NOT_FOUND, "itemNotFound");
    assertGraphError(sandbox.graph(graphToken, HttpMethod.GET, relationships + "?$filter=displayName eq 'x'", null),
        HttpStatus.BAD_REQUEST, "invalidRequest");

    String customerId = existingCustomer();
    for (Map<String, Object> invalid : List.of(
        relationship(customerId, null, "P730D", List.of(USER_ADMINISTRATOR), "PT0S"),
        relationship(customerId, "x".repeat(51), "P730D", List.of(USER_ADMINISTRATOR), "PT0S"),
        relationship(customerId, "too long", "P3Y", List.of(USER_ADMINISTRATOR), "PT0S"),
        relationship(customerId, "not a duration", "two years", List.of(USER_ADMINISTRATOR), "PT0S"),
        relationship(customerId, "no roles", "P730D", List.of(), "PT0S"),
        relationship(customerId, "no role id", "P730D", List.of("User Administrator"), "PT0S"),
        relationship(customerId, "odd extension", "P730D", List.of(USER_ADMINISTRATOR), "P90D"),
        relationship(customerId, "global admin", "P730D", List.of(GLOBAL_ADMINISTRATOR), "P180D"),
        relationship(UUID.randomUUID().toString(), "stranger", "P730D", List.of(USER_ADMINISTRATOR), "PT0S"))) {
      assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, relationships, invalid), HttpStatus.BAD_REQUEST,
          "invalidRequest");
    }
    assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, relationships, "[1, 2"), HttpStatus.BAD_REQUEST,
        "invalidRequest");

    String defaultRelationship = relationships + "/" + defaultRelationshipOf(sandbox.newCustomer().path("id").asText());
    assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, defaultRelationship + "/requests",
        Map.of("action", "lockForApproval")), HttpStatus.BAD_REQUEST, "invalidRequest");
    assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, defaultRelationship + "/accessAssignments", Map.of(
        "accessContainer", Map.of("accessContainerId", AGENT_GROUP, "accessContainerType", "user"),
        "accessDetails", Map.of("unifiedRoles", List.of(Map.of("roleDefinitionId", USER_ADMINISTRATOR))))),
        HttpStatus.BAD_REQUEST, "invalidRequest");
    assertGraphError(sandbox.graph(graphToken, HttpMethod.POST, defaultRelationship + "/accessAssignments", Map.of(
        "accessContainer", Map.of("accessContainerId", AGENT_GROUP, "accessContainerType", "securityGroup"),
        "accessDetails", Map.of("unifiedRoles", List.of(Map.of("roleDefinitionId", GLOBAL_ADMINISTRATOR))))),
        HttpStatus.BAD_REQUEST, "invalidRequest");
    assertThat(sandbox.admin(HttpMethod.POST, "/gdap/relationships/" + unknown + "/approve", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<JsonNode> listUsers(String customerId) {
    return sandbox.partnerCenter(userToken, HttpMethod.GET, "/customers/" + customerId + "/users", null);
  }

  private ResponseEntity<JsonNode> reset(String customerId, String userId, String password) {
    return sandbox.partnerCenter(userToken, HttpMethod.PATCH, "/customers/" + customerId + "/users/" + userId,
        Map.of("passwordProfile", Map.of("password", password, "forceChangePassword", true),
            "attributes", Map.of("objectType", "CustomerUser")));
  }

  private ResponseEntity<JsonNode> assign(String relationshipId, List<String> roles) {
    return sandbox.graph(graphToken, HttpMethod.POST, "/tenantRelationships/delegatedAdminRelationships/"
        + relationshipId + "/accessAssignments", Map.of(
            "accessContainer", Map.of("accessContainerId", AGENT_GROUP, "accessContainerType", "securityGroup"),
            "accessDetails", Map.of("unifiedRoles", roles.stream().map(role -> Map.of("roleDefinitionId", role))
                .toList())));
  }

  private void reshape(String customerId, List<String> roles, boolean groupAssigned) {
    assertThat(sandbox.admin(HttpMethod.PUT, "/customers/" + customerId + "/gdap", Map.of("roles", roles,
        "groupAssigned", groupAssigned)).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private String status(String relationshipPath) {
    return sandbox.graph(graphToken, HttpMethod.GET, relationshipPath, null).getBody().path("status").asText();
  }

  private String defaultRelationshipOf(String customerId) {
    return sandbox.admin(HttpMethod.GET, "/customers/" + customerId + "/gdap", null).getBody().path("relationships")
        .get(0).path("id").asText();
  }

  /** The tenant's first user, admin@domain: the one Global Administrator of a new tenant. */
  private String adminOf(String customerId) {
    return jdbc.queryForObject("SELECT id FROM sandbox_user WHERE customer_id = ? AND global_admin",
        String.class, customerId);
  }

  private String existingCustomer() {
    return existingTenant("reseller");
  }

  private String existingTenant(String relationshipToPartner) {
    String prefix = "seeded" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    ResponseEntity<JsonNode> seeded = sandbox.admin(HttpMethod.POST, "/tenants", Map.of("domain", prefix,
        "companyName", "Fabrikam " + prefix, "relationshipToPartner", relationshipToPartner));
    assertThat(seeded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return seeded.getBody().path("tenantId").asText();
  }

  private String domainOf(String tenantId) {
    return jdbc.queryForObject("SELECT domain FROM sandbox_customer WHERE id = ?", String.class, tenantId);
  }

  private static Map<String, Object> relationship(String customerId, String displayName, String duration,
      List<String> roles, String autoExtend) {
    Map<String, Object> body = new HashMap<>();
    body.put("displayName", displayName);
    body.put("duration", duration);
    body.put("customer", Map.of("tenantId", customerId));
    body.put("accessDetails", Map.of("unifiedRoles", roles.stream().map(role -> Map.of("roleDefinitionId", role))
        .toList()));
    body.put("autoExtendDuration", autoExtend);
    return body;
  }

  private static List<String> roles(JsonNode entity) {
    List<String> roles = new ArrayList<>();
    entity.path("accessDetails").path("unifiedRoles").forEach(role -> roles.add(role.path("roleDefinitionId")
        .asText()));
    return roles;
  }

  private static void assertGdapRefusal(ResponseEntity<JsonNode> answer, String why) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody().path("code").asInt()).isEqualTo(SandboxError.GDAP_ROLE_MISSING);
    assertThat(answer.getBody().path("description").asText()).contains(why);
    assertThat(answer.getBody().path("source").asText()).isEqualTo("PartnerFD");
  }

  private static void assertGraphError(ResponseEntity<JsonNode> answer, HttpStatus status, String code) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
    assertThat(answer.getBody().path("error").path("code").asText()).isEqualTo(code);
    assertThat(answer.getBody().path("error").path("message").asText()).isNotBlank();
    assertThat(answer.getBody().path("error").path("innerError").path("request-id").asText()).isNotBlank();
  }
}
