package com.cspflow.csp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CustomerUser;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxApi;
import com.cspflow.support.SandboxProcess;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.OrderLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/** The sandbox's Partner Center rules, through the real client where it shows them and raw HTTP where it does not. */
@CspflowSpringTest
class SandboxBehaviourTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String MICROSOFT_365_E3 = "CFQ7TTC0LFLZ:0001:CFQ7TTC086A7";

  @Autowired CspPort port;
  SandboxApi api;

  @BeforeEach
  void rawAccess() {
    api = new SandboxApi();
  }

  @Test
  void anOrderStaysPendingUntilTheDelayHasPassedThenCreatesOneSubscriptionPerLine() {
    String tenantId = customerWithAgreement();
    CspOrder placed = port.placeOrder(UUID.randomUUID().toString(), tenantId, List.of(
        new OrderLine(BUSINESS_BASIC, 3, "P1M", "monthly"), new OrderLine(MICROSOFT_365_E3, 20, "P1Y", "annual")));

    assertThat(port.getOrder(tenantId, placed.orderId()).status()).isEqualTo(CspOrder.Status.PENDING);
    assertThat(port.subscriptions(tenantId)).isEmpty();

    travel(tenantId, 1);
    CspOrder completed = port.getOrder(tenantId, placed.orderId());
    assertThat(completed.status()).isEqualTo(CspOrder.Status.COMPLETED);
    assertThat(completed.subscriptionIds()).hasSize(2);
    assertThat(port.subscriptions(tenantId))
        .extracting(CspSubscription::id, CspSubscription::catalogItemId, CspSubscription::quantity,
            CspSubscription::termDuration, CspSubscription::billingCycle, CspSubscription::orderId)
        .containsExactlyInAnyOrder(
            tuple(completed.subscriptionIds().get(0), BUSINESS_BASIC, 3, "P1M",
                "monthly", placed.orderId()),
            tuple(completed.subscriptionIds().get(1), MICROSOFT_365_E3, 20, "P1Y",
                "annual", placed.orderId()));
    assertThat(port.getOrder(tenantId, placed.orderId())).isEqualTo(completed);
  }

  @Test
  void quantitiesMustBeWithinTheOffersMinimumAndMaximum() {
    String tenantId = customerWithAgreement();

    for (int outside : new int[] {0, 301}) {
      assertThatThrownBy(() -> port.placeOrder(UUID.randomUUID().toString(), tenantId,
          List.of(new OrderLine(BUSINESS_BASIC, outside, "P1M", "monthly"))))
          .isInstanceOfSatisfying(CspBusinessException.class,
              e -> assertThat(e.code()).isEqualTo(CspBusinessException.QUANTITY_OUT_OF_RANGE));
    }
    assertThat(port.placeOrder(UUID.randomUUID().toString(), tenantId,
        List.of(new OrderLine(BUSINESS_BASIC, 300, "P1M", "monthly"), new OrderLine(MICROSOFT_365_E3, 301, "P1Y",
            "monthly")))
        .status()).isEqualTo(CspOrder.Status.PENDING);
  }

  @Test
  void seatsCanBeRemovedOnlyWithin168HoursOfTheirPurchaseOrAdditionUpToTheRefundableQuantity() {
    String tenantId = customerWithAgreement();
    String subscriptionId = subscriptionOf(tenantId, 10);

    assertThat(port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 8).refundableQuantity())
        .isEqualTo(8);
    assertThat(port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 15).refundableQuantity())
        .isEqualTo(15);

    travel(tenantId, 169);
    assertThat(port.subscriptions(tenantId).get(0).refundableQuantity()).isZero();
    assertDecreaseRefused(tenantId, subscriptionId, 14);

    assertThat(port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 20).refundableQuantity())
        .as("the addition opens its own window").isEqualTo(5);
    assertThat(port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 16).quantity()).isEqualTo(16);
    assertDecreaseRefused(tenantId, subscriptionId, 14);
    assertThat(port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 15).refundableQuantity())
        .isZero();
  }

  @Test
  void ordersFailWithoutTheCustomerAgreementAndWhileTheAccountIsUnderReview() {
    String tenantId = port.createCustomer(UUID.randomUUID().toString(), newCustomer()).tenantId();
    List<OrderLine> lines = List.of(new OrderLine(BUSINESS_BASIC, 1, "P1M", "monthly"));
    assertThatThrownBy(() -> port.placeOrder(UUID.randomUUID().toString(), tenantId, lines))
        .isInstanceOfSatisfying(CspBusinessException.class,
            e -> assertThat(e.code()).isEqualTo(CspBusinessException.CUSTOMER_AGREEMENT_NOT_CONFIRMED));

    confirmAgreement(tenantId);
    assertThat(api.admin(HttpMethod.PUT, "/customers/" + tenantId + "/under-review", Map.of("underReview", true))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThatThrownBy(() -> port.placeOrder(UUID.randomUUID().toString(), tenantId, lines))
        .isInstanceOfSatisfying(CspBusinessException.class,
            e -> assertThat(e.code()).isEqualTo(CspBusinessException.ACCOUNT_UNDER_REVIEW));
  }

  @Test
  void theSameRequestIdCreatesOneCustomerAndReturnsTheFirstAnswerWithoutThePassword() {
    String prefix = "replay" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    Map<String, Object> body = Map.of(
        "companyProfile", Map.of("domain", prefix + ".onmicrosoft.com"),
        "billingProfile", Map.of("email", "a@example.com", "companyName", "Replay AB", "culture", "sv-SE",
            "language", "sv", "defaultAddress", Map.of("country", "SE", "firstName", "A", "lastName", "B")));
    String requestId = UUID.randomUUID().toString();

    var first = api.call(HttpMethod.POST, "/customers", body, requestId);
    var second = api.call(HttpMethod.POST, "/customers", body, requestId);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getHeaders().getFirst("MS-RequestId")).isEqualTo(requestId);
    assertThat(first.getBody().path("userCredentials").path("password").asText()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getBody().path("id").asText()).isEqualTo(first.getBody().path("id").asText());
    assertThat(second.getBody().path("userCredentials").path("userName").asText())
        .isEqualTo("admin@" + prefix + ".onmicrosoft.com");
    assertThat(second.getBody().path("userCredentials").has("password")).isFalse();
    JsonNode customers = api.call(HttpMethod.GET, "/customers?size=500", null, null).getBody().path("items");
    assertThat(customers.findValuesAsText("domain")).containsOnlyOnce(prefix + ".onmicrosoft.com");
  }

  @Test
  void theSameRequestIdChecksOutOnceAndChangesQuantityOnce() {
    String tenantId = customerWithAgreement();
    String requestId = UUID.randomUUID().toString();
    List<OrderLine> lines = List.of(new OrderLine(BUSINESS_BASIC, 4, "P1M", "monthly"));
    String orderId = port.placeOrder(requestId, tenantId, lines).orderId();
    assertThat(port.placeOrder(requestId, tenantId, lines).orderId()).isEqualTo(orderId);
    assertThat(api.call(HttpMethod.GET, "/customers/" + tenantId + "/orders", null, null).getBody().path("totalCount")
        .asInt()).isEqualTo(1);
    travel(tenantId, 1);
    String subscriptionId = port.getOrder(tenantId, orderId).subscriptionIds().get(0);

    JsonNode subscription = api.call(HttpMethod.GET, "/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        null, null).getBody();
    ((ObjectNode) subscription).put("quantity", 9);
    String changeId = UUID.randomUUID().toString();
    var first = api.call(HttpMethod.PATCH, "/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        subscription, changeId);
    var replay = api.call(HttpMethod.PATCH, "/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        subscription, changeId);
    var stale = api.call(HttpMethod.PATCH, "/customers/" + tenantId + "/subscriptions/" + subscriptionId,
        subscription, UUID.randomUUID().toString());

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(stale.getStatusCode()).as("a new request with an old etag").isEqualTo(HttpStatus.PRECONDITION_FAILED);
    assertThat(port.subscriptions(tenantId).get(0).quantity()).isEqualTo(9);
    assertThat(port.subscriptions(tenantId).get(0).refundableQuantity()).as("all 9 seats bought within the week")
        .isEqualTo(9);
  }

  @Test
  void aTenantWithoutARelationshipIsTakenButInvisibleUntilItAccepts() {
    String domain = "existing" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + ".onmicrosoft.com";
    JsonNode tenant = api.admin(HttpMethod.POST, "/tenants", Map.of("domain", domain, "companyName", "Tailspin",
        "subscriptions", List.of(Map.of("catalogItemId", BUSINESS_BASIC, "quantity", 12, "purchasedDaysAgo", 2)))).getBody();
    String tenantId = tenant.path("tenantId").asText();

    assertThat(port.isDomainAvailable(domain.substring(0, domain.indexOf('.')))).isFalse();
    assertThat(api.call(HttpMethod.GET, "/customers/" + tenantId + "/subscriptions", null, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(port.findCustomerByDomain(domain)).isEmpty();

    assertThat(api.admin(HttpMethod.POST, "/relationship-requests/accept", Map.of("domain", domain)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(port.findCustomerByDomain(domain)).hasValueSatisfying(c -> assertThat(c.tenantId()).isEqualTo(tenantId));
    assertThat(port.subscriptions(tenantId)).singleElement().satisfies(s -> {
      assertThat(s.quantity()).isEqualTo(12);
      assertThat(s.refundableQuantity()).as("bought two days ago").isEqualTo(12);
    });
    assertThat(port.findCustomerByDomain(domain)).hasValueSatisfying(c -> assertThat(c.companyName())
        .isEqualTo("Tailspin"));
  }

  @Test
  void aBenchmarkCanSeedCustomersWithSubscriptionsInBulk() {
    String run = "bulk" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + "x";
    List<Map<String, Object>> tenants = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tenants.add(Map.of("domain", run + i, "companyName", "Bulk " + i, "relationshipToPartner", "reseller",
          "agreementConfirmed", true, "subscriptions", List.of(
              Map.of("catalogItemId", BUSINESS_BASIC, "quantity", 5),
              Map.of("catalogItemId", MICROSOFT_365_E3, "quantity", 50, "termDuration", "P1Y"))));
    }

    var seeded = api.admin(HttpMethod.POST, "/tenants/bulk", Map.of("tenants", tenants));

    assertThat(seeded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(seeded.getBody().path("tenants")).hasSize(50);
    String tenantId = seeded.getBody().path("tenants").get(49).path("tenantId").asText();
    assertThat(port.findCustomerByDomain(run + "49.onmicrosoft.com")).isPresent();
    assertThat(port.subscriptions(tenantId)).extracting(CspSubscription::quantity).containsExactlyInAnyOrder(5, 50);
    assertThat(port.placeOrder(UUID.randomUUID().toString(), tenantId,
        List.of(new OrderLine(BUSINESS_BASIC, 1, "P1M", "monthly"))).status()).isEqualTo(CspOrder.Status.PENDING);
    assertThat(api.admin(HttpMethod.POST, "/tenants/bulk", Map.of("tenants", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void callsNeedAValidTokenAndAppAndUserOperationsNeedAUserToken() {
    var anonymous = api.callWith(null, HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody().path("code").asInt()).isEqualTo(401);
    assertThat(anonymous.getBody().has("description")).isTrue();
    assertThat(api.callWith("forged", HttpMethod.GET, "/products?country=SE&targetView=OnlineServicesNCE", null, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    var appOnly = api.callWith(api.token("client_credentials"), HttpMethod.GET, "/profiles/mpn?mpnId=1234567", null,
        null);
    assertThat(appOnly.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var appAndUser = api.callWith(api.token("refresh_token"), HttpMethod.GET, "/profiles/mpn?mpnId=1234567", null,
        null);
    assertThat(appAndUser.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(appAndUser.getBody().path("partnerName").asText()).isEqualTo("cspflow Sandbox Partner");

    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", "client_credentials");
    form.add("client_id", SandboxProcess.CLIENT_ID);
    form.add("client_secret", "wrong");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(api.http().postForEntity("/" + SandboxProcess.TENANT_ID + "/oauth2/token", new HttpEntity<>(form, headers),
        String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aPasswordResetForcesAChangeAtTheNextSignInAndAShortPasswordIsRefusedWithoutEchoingIt() {
    String tenantId = port.createCustomer(UUID.randomUUID().toString(), newCustomer()).tenantId();
    CustomerUser admin = port.users(tenantId).get(0);
    SandboxAdmin sandbox = new SandboxAdmin();

    port.resetPassword(UUID.randomUUID().toString(), tenantId, admin.id(), "Sandb0x-Reset-Pw!".toCharArray());

    assertThat(sandbox.passwordResets(tenantId, admin.userPrincipalName())).isEqualTo(1);
    assertThat(sandbox.mustChangePassword(tenantId, admin.userPrincipalName())).isTrue();
    String adminId = admin.id();
    assertThatThrownBy(() -> port.resetPassword(UUID.randomUUID().toString(), tenantId, adminId, "short".toCharArray()))
        .isInstanceOfSatisfying(CspBusinessException.class, e -> assertThat(e.getMessage()).doesNotContain("short"));
  }

  private String customerWithAgreement() {
    String tenantId = port.createCustomer(UUID.randomUUID().toString(), newCustomer()).tenantId();
    confirmAgreement(tenantId);
    return tenantId;
  }

  private void confirmAgreement(String tenantId) {
    port.confirmCustomerAgreement(UUID.randomUUID().toString(), tenantId,
        new AgreementConfirmation("Anna", "Admin", "anna@example.com", "+46 8 123 456", Instant.now()));
  }

  private String subscriptionOf(String tenantId, int seats) {
    CspOrder order = port.placeOrder(UUID.randomUUID().toString(), tenantId,
        List.of(new OrderLine(BUSINESS_BASIC, seats, "P1M", "monthly")));
    travel(tenantId, 1);
    return port.getOrder(tenantId, order.orderId()).subscriptionIds().get(0);
  }

  private void assertDecreaseRefused(String tenantId, String subscriptionId, int quantity) {
    assertThatThrownBy(() -> port.changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, quantity))
        .isInstanceOfSatisfying(CspBusinessException.class,
            e -> assertThat(e.code()).isEqualTo(CspBusinessException.QUANTITY_DECREASE_NOT_ALLOWED));
  }

  private void travel(String tenantId, int hours) {
    assertThat(api.admin(HttpMethod.POST, "/customers/" + tenantId + "/time-travel", Map.of("hours", hours))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private static NewCustomer newCustomer() {
    String prefix = "behaviour" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    return new NewCustomer(prefix, "Behaviour AB", "Anna", "Admin", "anna@example.com", "+46 8 123 456",
        "Storgatan 1", "111 22", "Stockholm", "SE", "sv-SE", "sv");
  }
}
