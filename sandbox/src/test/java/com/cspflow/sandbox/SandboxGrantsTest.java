package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.sandbox.SandboxOperation.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every Partner Center operation with an app-only token, then with an app+user token: 403 exactly where
 * Microsoft's page for the operation says app+user only (the digest's table), and never for the others.
 */
@SandboxSpringTest
class SandboxGrantsTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  /** One operation as a client calls it; {@code {customer}} stands for a customer the partner just created. */
  record Call(String operation, Grant grant, HttpMethod method, String path, Object body) {

    @Override
    public String toString() {
      return operation + " (" + grant + ")";
    }
  }

  static List<Call> calls() {
    String unknown = UUID.randomUUID().toString();
    return List.of(
        new Call("verify-partner", Grant.APP_USER, HttpMethod.GET, "/profiles/mpn?mpnId=1234567", null),
        new Call("check-domain", Grant.APP_ONLY_OR_APP_USER, HttpMethod.HEAD, "/domains/free4grants.onmicrosoft.com",
            null),
        new Call("create-customer", Grant.APP_ONLY_OR_APP_USER, HttpMethod.POST, "/customers", Map.of(
            "companyProfile", Map.of("domain", "g" + unknown.substring(0, 8) + ".onmicrosoft.com"),
            "billingProfile", Map.of("email", "a@example.com", "companyName", "Grants AB"))),
        new Call("find-customers", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET, "/customers?size=5", null),
        new Call("relationship-link", Grant.APP_USER, HttpMethod.GET, "/customers/relationshiprequests", null),
        new Call("agreement-templates", Grant.APP_USER, HttpMethod.GET,
            "/agreements?agreementType=MicrosoftCustomerAgreement", null),
        new Call("confirm-agreement", Grant.APP_USER, HttpMethod.POST, "/customers/{customer}/agreements", Map.of(
            "primaryContact", Map.of("firstName", "Anna", "lastName", "Admin", "email", "anna@example.com"),
            "templateId", SandboxPartnerCenterController.AGREEMENT_TEMPLATE_ID, "dateAgreed", "2026-11-30T00:00:00Z",
            "type", "MicrosoftCustomerAgreement")),
        new Call("catalog", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET,
            "/products?country=SE&targetView=OnlineServicesNCE&targetSegment=commercial", null),
        new Call("catalog", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET, "/products/CFQ7TTC0LH18/skus?country=SE",
            null),
        new Call("catalog", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET,
            "/products/CFQ7TTC0LH18/skus/0001/availabilities?country=SE", null),
        new Call("create-cart", Grant.APP_ONLY_OR_APP_USER, HttpMethod.POST, "/customers/{customer}/carts",
            Map.of("lineItems", List.of(Map.of("id", 0, "catalogItemId", BUSINESS_BASIC, "quantity", 1,
                "billingCycle", "monthly", "termDuration", "P1M")))),
        new Call("checkout", Grant.APP_ONLY_OR_APP_USER, HttpMethod.POST,
            "/customers/{customer}/carts/" + unknown + "/checkout", null),
        new Call("list-orders", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET, "/customers/{customer}/orders", null),
        new Call("get-order", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET, "/customers/{customer}/orders/" + unknown,
            null),
        new Call("list-subscriptions", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET,
            "/customers/{customer}/subscriptions", null),
        new Call("get-subscription", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET,
            "/customers/{customer}/subscriptions/" + unknown, null),
        new Call("change-quantity", Grant.APP_ONLY_OR_APP_USER, HttpMethod.PATCH,
            "/customers/{customer}/subscriptions/" + unknown, Map.of("quantity", 2)),
        new Call("activity-log", Grant.APP_ONLY_OR_APP_USER, HttpMethod.GET, "/auditrecords", null),
        new Call("list-users", Grant.APP_USER, HttpMethod.GET, "/customers/{customer}/users", null),
        new Call("reset-password", Grant.APP_USER, HttpMethod.PATCH, "/customers/{customer}/users/" + unknown,
            Map.of("passwordProfile", Map.of("password", "Grants-Pw-123!", "forceChangePassword", true))));
  }

  static Stream<Call> everyCall() {
    return calls().stream();
  }

  @LocalServerPort int port;
  SandboxClient sandbox;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
  }

  @Test
  void theTableCoversEveryOperationTheSandboxServes() {
    List<String> served = Stream.of(SandboxPartnerCenterController.class, SandboxActivityLogController.class)
        .flatMap(controller -> Arrays.stream(controller.getDeclaredMethods()))
        .map(method -> method.getAnnotation(SandboxOperation.class)).filter(Objects::nonNull)
        .map(SandboxOperation::value).sorted().toList();

    assertThat(calls().stream().map(Call::operation).sorted().toList()).isEqualTo(served);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCall")
  void anAppOnlyTokenIsRefusedExactlyOnAppAndUserOperations(Call call) {
    ResponseEntity<JsonNode> answer = call(sandbox.appOnly(PARTNER_CENTER), call);

    if (call.grant() == Grant.APP_USER) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getBody().path("code").asInt()).isEqualTo(SandboxError.ACTION_NOT_ALLOWED);
      assertThat(answer.getBody().path("description").asText()).contains(call.operation(), "app+user");
    } else {
      assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isNotEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getStatusCode().is5xxServerError()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCall")
  void anAppAndUserTokenWithMfaPassesEveryOperation(Call call) {
    ResponseEntity<JsonNode> answer = call(sandbox.appAndUser(PARTNER_CENTER), call);

    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isNotEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getStatusCode().is5xxServerError()).isFalse();
  }

  @Test
  void aConfirmedAgreementNamesThePartnerUserWhoConfirmedIt() {
    Call confirm = calls().stream().filter(call -> call.operation().equals("confirm-agreement")).findFirst()
        .orElseThrow();
    SandboxClient.Consent consent = sandbox.consent(true);
    String token = SandboxClient.accessToken(sandbox.redeem(consent.refreshToken(), PARTNER_CENTER));

    ResponseEntity<JsonNode> answer = call(token, confirm);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getBody().path("userId").asText()).isEqualTo(consent.id());
    assertThat(answer.getBody().path("type").asText()).isEqualTo("MicrosoftCustomerAgreement");
    assertThat(answer.getBody().path("primaryContact").path("email").asText()).isEqualTo("anna@example.com");
  }

  private ResponseEntity<JsonNode> call(String token, Call call) {
    String customerId = sandbox.newCustomer().path("id").asText();
    return sandbox.partnerCenter(token, call.method(), call.path().replace("{customer}", customerId), call.body());
  }
}
