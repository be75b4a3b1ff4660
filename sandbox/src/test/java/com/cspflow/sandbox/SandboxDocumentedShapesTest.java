package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.GRAPH;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sandbox answers with the field names and shapes of the samples on Microsoft's pages, kept as fixtures in
 * {@code app/src/test/resources/partner-center-fixtures} (their README names each page): every field a sample shows
 * is in the sandbox's answer, objects where it has objects, lists where it has lists, and strings, numbers and
 * booleans where it has them. The sandbox may answer more; the one field it leaves out on purpose is the password a
 * reset sample echoes. Ids in the documented requests are replaced by the sandbox's where it has its own (a tenant,
 * the agreement template), and the documented assignment asks for roles of the documented relationship: the
 * samples come from two pages that do not agree.
 */
@SandboxSpringTest
class SandboxDocumentedShapesTest {

  static final Path FIXTURES = Path.of("..", "app", "src", "test", "resources", "partner-center-fixtures");

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  SandboxClient sandbox;
  String userToken;
  String graphToken;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
    userToken = sandbox.appAndUser(PARTNER_CENTER);
    graphToken = sandbox.appOnly(GRAPH);
  }

  @Test
  void customerAgreementTemplateAndConfirmation() throws IOException {
    assertShape("agreement-templates", sandbox.partnerCenter(userToken, HttpMethod.GET,
        "/agreements?agreementType=MicrosoftCustomerAgreement", null));

    ObjectNode confirm = (ObjectNode) fixture("confirm-agreement.request").path("body");
    confirm.put("templateId", SandboxPartnerCenterController.AGREEMENT_TEMPLATE_ID);
    assertShape("confirm-agreement", sandbox.partnerCenter(userToken, HttpMethod.POST,
        "/customers/" + sandbox.newCustomer().path("id").asText() + "/agreements", confirm));
  }

  @Test
  void catalogProductsSkusAvailabilitiesAndPriceSheet() throws IOException {
    assertShape("list-products", sandbox.partnerCenter(userToken, HttpMethod.GET,
        "/products?country=SE&targetView=OnlineServicesNCE&targetSegment=commercial", null));
    assertShape("list-skus", sandbox.partnerCenter(userToken, HttpMethod.GET,
        "/products/CFQ7TTC0LH18/skus?country=SE&targetSegment=commercial", null));
    assertShape("list-availabilities", sandbox.partnerCenter(userToken, HttpMethod.GET,
        "/products/CFQ7TTC0LH18/skus/0001/availabilities?country=SE", null));

    String documentedHeader = fixture("price-sheet.response").path("body").asText().split("\r\n")[0];
    String answeredHeader = sandbox.priceSheet(sandbox.appAndUser(SandboxClient.PARTNER_API), "SE", "timeline=current").getBody().split("\r\n")[0];
    assertThat(answeredHeader).isEqualTo(documentedHeader);
  }

  @Test
  void customerUsersAndPasswordReset() throws IOException {
    String customerId = sandbox.newCustomer().path("id").asText();
    assertShape("list-users", sandbox.partnerCenter(userToken, HttpMethod.GET, "/customers/" + customerId + "/users",
        null));

    String adminId = jdbc.queryForObject("SELECT id FROM sandbox_user WHERE customer_id = ? AND global_admin",
        String.class, customerId);
    assertShape("reset-password", sandbox.partnerCenter(userToken, HttpMethod.PATCH, "/customers/" + customerId
        + "/users/" + adminId, fixture("reset-password.request").path("body")), ".passwordProfile.password");
  }

  @Test
  void delegatedAdminRelationshipsRequestsAndAccessAssignments() throws IOException {
    String customerId = sandbox.newCustomer().path("id").asText();
    String relationships = "/tenantRelationships/delegatedAdminRelationships";
    assertShape("list-delegated-admin-relationships", sandbox.graph(graphToken, HttpMethod.GET,
        relationships + "?$filter=customer/tenantId eq '" + customerId + "'", null));

    JsonNode create = fixture("create-delegated-admin-relationship.request").path("body");
    ((ObjectNode) create.path("customer")).put("tenantId", customerId);
    ResponseEntity<JsonNode> created = sandbox.graph(graphToken, HttpMethod.POST, relationships, create);
    assertShape("create-delegated-admin-relationship", created);
    String relationship = relationships + "/" + created.getBody().path("id").asText();
    assertShape("lock-for-approval", sandbox.graph(graphToken, HttpMethod.POST, relationship + "/requests",
        fixture("lock-for-approval.request").path("body")));

    sandbox.admin(HttpMethod.POST, "/gdap/relationships/" + created.getBody().path("id").asText() + "/approve", null);
    ObjectNode assign = (ObjectNode) fixture("create-access-assignment.request").path("body");
    assign.set("accessDetails", create.path("accessDetails"));
    assertShape("create-access-assignment", sandbox.graph(graphToken, HttpMethod.POST,
        relationship + "/accessAssignments", assign));
    assertShape("list-access-assignments", sandbox.graph(graphToken, HttpMethod.GET,
        relationship + "/accessAssignments", null));
  }

  @Test
  void tokenEndpointAnswerAndInactivityError() throws IOException {
    SandboxClient.Consent consent = sandbox.consent(true);
    assertShape("token-refresh", sandbox.redeem(consent.refreshToken(), PARTNER_CENTER));

    SandboxClient.Consent idle = sandbox.consent(true);
    sandbox.admin(HttpMethod.POST, "/consents/" + idle.id() + "/time-travel", Map.of("days", 100));
    assertShape("token-refresh-inactive", sandbox.redeem(idle.refreshToken(), PARTNER_CENTER));
  }

  private JsonNode fixture(String name) throws IOException {
    return json.readTree(FIXTURES.resolve(name + ".json").toFile());
  }

  /** The answer has the documented response's status and every field of its body, shaped alike. */
  private void assertShape(String operation, ResponseEntity<JsonNode> answer, String... leftOut) throws IOException {
    JsonNode documented = fixture(operation + ".response");
    assertThat(answer.getStatusCode().value()).as("%s: %s", operation, answer.getBody())
        .isEqualTo(documented.path("status").asInt());
    assertSameShape(operation, "", documented.path("body"), answer.getBody(), Set.of(leftOut));
  }

  private static void assertSameShape(String operation, String path, JsonNode documented, JsonNode answered,
      Set<String> leftOut) {
    if (documented.isObject()) {
      assertThat(answered.isObject()).as("%s%s is an object in %s", operation, path, answered).isTrue();
      for (Iterator<String> fields = documented.fieldNames(); fields.hasNext(); ) {
        String field = fields.next();
        String fieldPath = path + "." + field;
        if (leftOut.contains(fieldPath)) {
          assertThat(answered.has(field)).as("%s%s is left out", operation, fieldPath).isFalse();
          continue;
        }
        assertThat(answered.has(field)).as("%s%s in %s", operation, fieldPath, answered).isTrue();
        assertSameShape(operation, fieldPath, documented.get(field), answered.get(field), leftOut);
      }
    } else if (documented.isArray()) {
      assertThat(answered.isArray()).as("%s%s is a list", operation, path).isTrue();
      if (!documented.isEmpty() && !answered.isEmpty()) {
        assertSameShape(operation, path + "[0]", documented.get(0), answered.get(0), leftOut);
      }
    } else if (!documented.isNull() && !answered.isNull()
        && !(documented.isTextual() && documented.asText().isEmpty())) {
      assertThat(answered.getNodeType()).as("%s%s", operation, path).isEqualTo(documented.getNodeType());
    }
  }
}
