package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Passwords pass through the sandbox and stay nowhere: read in its own tables, every one of them, not through an
 * API that could simply leave them out.
 */
@SandboxSpringTest
class SandboxSecretsTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  SandboxClient sandbox;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
  }

  @Test
  void theOneTimePasswordOfANewCustomerIsInTheFirstAnswerOnlyNotInTheKeptReplay() {
    String prefix = "secret" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    String requestId = UUID.randomUUID().toString();
    Map<String, Object> customer = Map.of("companyProfile", Map.of("domain", prefix + ".onmicrosoft.com"),
        "billingProfile", Map.of("email", "a@example.com", "companyName", "Secret AB"));

    JsonNode first = createCustomer(customer, requestId).getBody();
    JsonNode replay = createCustomer(customer, requestId).getBody();

    String password = first.path("userCredentials").path("password").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    assertThat(replay.path("id").asText()).isEqualTo(first.path("id").asText());
    assertThat(replay.path("userCredentials").path("userName").asText()).isEqualTo("admin@" + prefix
        + ".onmicrosoft.com");
    assertThat(replay.path("userCredentials").has("password")).isFalse();
    String kept = jdbc.queryForObject("SELECT body FROM sandbox_request WHERE operation = ? AND request_id = ?",
        String.class, "create-customer", requestId);
    assertThat(kept).contains(first.path("id").asText()).doesNotContain(password).doesNotContain("\"password\"");
    assertNowhereInTheDatabase(password);
  }

  @Test
  void aResetPasswordIsRecordedAsAFactButTheDatabaseNeverHoldsIt() {
    String customerId = sandbox.newCustomer().path("id").asText();
    String adminId = jdbc.queryForObject("SELECT id FROM sandbox_user WHERE customer_id = ? AND global_admin",
        String.class, customerId);
    String password = "Sandb0x-Reset-" + UUID.randomUUID();

    ResponseEntity<JsonNode> reset = sandbox.partnerCenter(sandbox.appAndUser(PARTNER_CENTER), HttpMethod.PATCH,
        "/customers/" + customerId + "/users/" + adminId, Map.of("passwordProfile", Map.of("password", password,
            "forceChangePassword", true), "attributes", Map.of("objectType", "CustomerUser")));

    assertThat(reset.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reset.getBody().toString()).doesNotContain(password);
    Map<String, Object> admin = jdbc.queryForMap("SELECT * FROM sandbox_user WHERE id = ?", adminId);
    assertThat(admin.get("PASSWORD_CHANGED_AT")).isNotNull();
    assertThat(admin.get("FORCE_CHANGE_PASSWORD")).isEqualTo(true);
    assertNowhereInTheDatabase(password);
    ResponseEntity<JsonNode> tooShort = sandbox.partnerCenter(sandbox.appAndUser(PARTNER_CENTER), HttpMethod.PATCH,
        "/customers/" + customerId + "/users/" + adminId, Map.of("passwordProfile", Map.of("password", "short")));
    assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooShort.getBody().toString()).doesNotContain("short");
  }

  private ResponseEntity<JsonNode> createCustomer(Map<String, Object> customer, String requestId) {
    ResponseEntity<JsonNode> answer = sandbox.partnerCenter(sandbox.appOnly(PARTNER_CENTER), HttpMethod.POST,
        "/customers", customer, requestId);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getHeaders().getFirst("MS-RequestId")).isEqualTo(requestId);
    return answer;
  }

  /** Every value of every row of every table of the sandbox's schema. */
  private void assertNowhereInTheDatabase(String secret) {
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
        + "WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'", String.class);
    assertThat(tables.stream().map(String::toLowerCase).toList())
        .contains("sandbox_user", "sandbox_request", "sandbox_customer", "sandbox_refresh_token");
    for (String table : tables) {
      for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
        assertThat(row.values()).as("table %s", table)
            .noneSatisfy(value -> assertThat(String.valueOf(value)).contains(secret));
      }
    }
  }
}
