package com.cspflow.csp.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.OrderLine;
import com.cspflow.csp.consent.ConsentUnavailable;
import com.cspflow.csp.partnercenter.TestPartnerCenterClients.RecordedWaits;
import com.cspflow.support.MicrosoftFixtures;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The Partner Center client against WireMock on loopback: headers, tokens, throttling, failures and error codes. */
@ExtendWith(OutputCaptureExtension.class)
class PartnerCenterClientTest {

  static final String TOKEN = "access-token-1";
  static final String TENANT = "0c1f6e1e-7f5d-4a43-a1c8-5b8b8a1b6a11";
  static final String CUSTOMER = "/v1/customers/" + TENANT;
  static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @RegisterExtension
  static WireMockExtension partnerCenter = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final RecordedWaits waits = new RecordedWaits();
  private CspPort client;

  @BeforeEach
  void stubTheTokenEndpoint() {
    partnerCenter.stubFor(post("/oauth2/token").willReturn(token(TOKEN, 3599, null)));
    client = clientWith(Duration.ofSeconds(2), Duration.ofMinutes(5), 3);
  }

  @AfterEach
  void clearTheBusinessKey() {
    MDC.clear();
  }

  @Test
  void everyCallCarriesTheBearerTokenContractVersionAndIdsAndIsLoggedWithTheBusinessKey(CapturedOutput log) {
    stubCatalog();
    MDC.put("businessKey", "ORDER-4711");

    client.catalog();
    client.catalog();

    List<LoggedRequest> calls = partnerCenter.findAll(getRequestedFor(urlPathEqualTo("/v1/products"))
        .withQueryParam("targetSegment", equalTo("commercial")));
    assertThat(calls).hasSize(2).allSatisfy(call -> {
      assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(call.getHeader("Accept")).isEqualTo("application/json");
      assertThat(call.getHeader("MS-Contract-Version")).isEqualTo("v1");
      assertThat(call.getHeader("MS-CorrelationId")).matches(UUID_PATTERN);
      assertThat(call.getHeader("MS-RequestId")).matches(UUID_PATTERN);
      assertThat(call.queryParameter("country").firstValue()).isEqualTo("SE");
      assertThat(log.getOut()).contains("correlationId=" + call.getHeader("MS-CorrelationId"))
          .contains("businessKey=ORDER-4711");
    });
    assertThat(calls.get(0).getHeader("MS-CorrelationId")).isNotEqualTo(calls.get(1).getHeader("MS-CorrelationId"));
    assertThat(calls.get(0).getHeader("MS-RequestId")).as("a read is a new request each time")
        .isNotEqualTo(calls.get(1).getHeader("MS-RequestId"));
  }

  @Test
  void eachCallExpandsTheOperationsAddressWithItsOwnValuesEncoded() {
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
        {"totalCount":0,"items":[],"attributes":{"objectType":"Collection"}}""")));

    client.findCustomerByDomain("contoso & co.onmicrosoft.com");
    client.findCustomerByDomain("fabrikam.onmicrosoft.com");

    List<LoggedRequest> calls = partnerCenter.findAll(getRequestedFor(urlPathEqualTo("/v1/customers")));
    assertThat(calls).extracting(call -> call.queryParameter("filter").firstValue()).containsExactly(
        "{\"Field\":\"Domain\",\"Value\":\"contoso & co.onmicrosoft.com\",\"Operator\":\"starts_with\"}",
        "{\"Field\":\"Domain\",\"Value\":\"fabrikam.onmicrosoft.com\",\"Operator\":\"starts_with\"}");
    assertThat(calls.get(0).getUrl()).as("the reserved characters of a value are encoded, not taken as syntax")
        .contains("%7B%22Field%22").contains("contoso%20%26%20co.onmicrosoft.com").doesNotContain("{");
  }

  @Test
  void theTokenIsFetchedOnceWithClientCredentialsAndReused() {
    stubCatalog();

    client.catalog();
    client.catalog();

    List<LoggedRequest> tokenRequests = partnerCenter.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0).getBodyAsString()).contains("grant_type=client_credentials",
        "client_id=" + TestPartnerCenterClients.CLIENT_ID, "resource=https%3A%2F%2Fapi.partnercenter.microsoft.com");
  }

  @Test
  void anExpiredTokenIsReplacedBeforeTheNextCall() {
    partnerCenter.stubFor(post("/oauth2/token").inScenario("tokens").whenScenarioStateIs(STARTED)
        .willSetStateTo("second").willReturn(token("token-a", 60, null)));
    partnerCenter.stubFor(post("/oauth2/token").inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(token("token-b", 60, null)));
    stubCatalog();
    CspPort expiringClient = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(60), 3);

    expiringClient.catalog();
    expiringClient.catalog();

    assertThat(partnerCenter.findAll(getRequestedFor(urlPathEqualTo("/v1/products"))
        .withQueryParam("targetSegment", equalTo("commercial"))))
        .extracting(call -> call.getHeader("Authorization")).containsExactly("Bearer token-a", "Bearer token-b");
  }

  @Test
  void appAndUserCallsUseTheRefreshTokenAndKeepTheRotatedOne() {
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(token("user-token", 60, "rotated-refresh-token")));
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/profiles/mpn"))
        .withHeader("Authorization", equalTo("Bearer user-token"))
        .willReturn(json(200, "{\"partnerName\":\"Wingtip\",\"mpnId\":\"1234567\",\"profileType\":\"MpnProfile\"}")));
    CspPort expiringClient = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(60), 3);

    assertThat(expiringClient.verifyPartner("1234567").partnerName()).isEqualTo("Wingtip");
    expiringClient.verifyPartner("1234567");

    List<String> bodies = partnerCenter.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).stream()
        .map(LoggedRequest::getBodyAsString).toList();
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0)).contains("refresh_token=" + TestPartnerCenterClients.REFRESH_TOKEN);
    assertThat(bodies.get(1)).contains("refresh_token=rotated-refresh-token");
  }

  @Test
  void aConsentMicrosoftRefusesIsRecordedAndTheTokenEndpointIsNotAskedAgainWithIt() {
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(json(MicrosoftFixtures.status("token-refresh-inactive"),
            MicrosoftFixtures.text(MicrosoftFixtures.body("token-refresh-inactive")))));
    stubCatalog();

    for (int call = 0; call < 3; call++) {
      assertThatThrownBy(() -> client.verifyPartner("1234567")).isInstanceOf(ConsentUnavailable.class)
          .hasMessageContaining("AADSTS700082", "expired after being unused", "PUT /api/admin/csp-consent")
          .hasMessageNotContaining(TestPartnerCenterClients.REFRESH_TOKEN);
    }

    partnerCenter.verify(1, postRequestedFor(urlEqualTo("/oauth2/token"))
        .withRequestBody(containing("grant_type=refresh_token")));
    assertThat(client.catalog()).as("app-only calls need no consent").isEmpty();
  }

  @Test
  void graphCallsGetATokenForGraphAndPartnerCenterCallsOneForPartnerCenter() {
    partnerCenter.stubFor(post("/oauth2/token")
        .withRequestBody(containing("resource=https%3A%2F%2Fgraph.microsoft.com"))
        .willReturn(token("graph-token", 3599, "rotated-after-graph")));
    partnerCenter.stubFor(post("/oauth2/token")
        .withRequestBody(containing("resource=https%3A%2F%2Fapi.partnercenter.microsoft.com"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(token("partner-center-user-token", 3599, "rotated-after-partner-center")));
    partnerCenter.stubFor(get(urlPathEqualTo("/graph/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1"))
        .withHeader("Authorization", equalTo("Bearer graph-token"))
        .willReturn(json(200, "{\"id\":\"rel-1\",\"status\":\"approvalPending\"}")));
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/profiles/mpn"))
        .withHeader("Authorization", equalTo("Bearer partner-center-user-token"))
        .willReturn(json(200, "{\"partnerName\":\"Wingtip\",\"mpnId\":\"1234567\"}")));

    client.gdapRelationship("rel-1");
    client.verifyPartner("1234567");
    client.gdapRelationship("rel-1");
    client.verifyPartner("1234567");

    List<String> bodies = partnerCenter.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).stream()
        .map(LoggedRequest::getBodyAsString).toList();
    assertThat(bodies).as("one token per grant and resource, cached").hasSize(2);
    assertThat(bodies.get(0)).contains("refresh_token=" + TestPartnerCenterClients.REFRESH_TOKEN);
    assertThat(bodies.get(1)).as("the rotated refresh token of the first answer")
        .contains("refresh_token=rotated-after-graph");
    LoggedRequest graph = partnerCenter.findAll(getRequestedFor(urlPathEqualTo(
        "/graph/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1"))).get(0);
    assertThat(graph.getHeader("client-request-id")).matches(UUID_PATTERN);
    assertThat(graph.containsHeader("MS-Contract-Version")).isFalse();
  }

  @Test
  void aRejectedTokenIsRenewedOnceAndTheCallRepeated() {
    partnerCenter.stubFor(post("/oauth2/token").inScenario("revoked").whenScenarioStateIs(STARTED)
        .willSetStateTo("renewed").willReturn(token("revoked-token", 3599, null)));
    partnerCenter.stubFor(post("/oauth2/token").inScenario("revoked").whenScenarioStateIs("renewed")
        .willReturn(token("fresh-token", 3599, null)));
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/products")).withHeader("Authorization", equalTo("Bearer revoked-token"))
        .willReturn(aResponse().withStatus(401)));
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/products")).withHeader("Authorization", equalTo("Bearer fresh-token"))
        .willReturn(json(200, "{\"totalCount\":0,\"items\":[]}")));

    assertThat(client.catalog()).isEmpty();
  }

  @Test
  void aThrottledChangeWaitsForRetryAfterAndRepeatsWithTheSameRequestId() {
    partnerCenter.stubFor(post("/v1/customers").inScenario("throttle").whenScenarioStateIs(STARTED)
        .willSetStateTo("open").willReturn(throttled(2)));
    partnerCenter.stubFor(post("/v1/customers").inScenario("throttle").whenScenarioStateIs("open")
        .willReturn(json(201, customerBody("contoso.onmicrosoft.com", "One-Time-Pa55!"))));
    String requestId = UUID.randomUUID().toString();

    assertThat(client.createCustomer(requestId, newCustomer()).tenantId()).isEqualTo(TENANT);

    assertThat(waits.waits()).containsExactly(Duration.ofSeconds(2));
    List<LoggedRequest> attempts = partnerCenter.findAll(postRequestedFor(urlEqualTo("/v1/customers")));
    assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.getHeader("MS-RequestId")).isEqualTo(requestId));
    assertThat(attempts.get(0).getHeader("MS-CorrelationId")).isNotEqualTo(attempts.get(1).getHeader("MS-CorrelationId"));
  }

  @Test
  void throttlingThatOutlastsTheAttemptsIsATechnicalFailure() {
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/products")).willReturn(throttled(1)));

    assertThatThrownBy(() -> client.catalog()).isInstanceOf(CspTechnicalException.class).hasMessageContaining("throttled");

    partnerCenter.verify(3, getRequestedFor(urlPathEqualTo("/v1/products")));
    assertThat(waits.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheMaximumWaitFailsAtOnceForTheJobToRetryLater() {
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/products")).willReturn(throttled(57)));

    assertThatThrownBy(() -> client.catalog()).isInstanceOf(CspTechnicalException.class);

    partnerCenter.verify(1, getRequestedFor(urlPathEqualTo("/v1/products")));
    assertThat(waits.waits()).isEmpty();
  }

  @Test
  void aServerErrorIsATechnicalFailure() {
    partnerCenter.stubFor(get(urlPathEqualTo(CUSTOMER + "/subscriptions"))
        .willReturn(json(503, "{\"code\":503,\"description\":\"Service unavailable\"}")));

    assertThatThrownBy(() -> client.subscriptions(TENANT)).isInstanceOf(CspTechnicalException.class)
        .hasMessageContaining("503");
  }

  @Test
  void anAnswerSlowerThanTheReadTimeoutIsATechnicalFailure() {
    partnerCenter.stubFor(get(urlPathEqualTo(CUSTOMER + "/subscriptions"))
        .willReturn(json(200, "{\"items\":[]}").withFixedDelay(1_500)));
    CspPort impatient = clientWith(Duration.ofMillis(300), Duration.ofMinutes(5), 3);

    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.subscriptions(TENANT)).isInstanceOf(CspTechnicalException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
  }

  @Test
  void anUnreachablePartnerCenterIsATechnicalFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CspPort unreachable = TestPartnerCenterClients.client(TestPartnerCenterClients.properties(
        "http://127.0.0.1:" + closedPort, Duration.ofSeconds(1), Duration.ofMinutes(5), 3), waits);

    assertThatThrownBy(() -> unreachable.catalog()).isInstanceOf(CspTechnicalException.class);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("domain taken", 409, CspBusinessException.DOMAIN_ALREADY_EXISTS,
            (Consumer<CspPort>) port -> port.createCustomer(UUID.randomUUID().toString(), newCustomer())),
        Arguments.of("agreement missing", 400, CspBusinessException.CUSTOMER_AGREEMENT_NOT_CONFIRMED,
            (Consumer<CspPort>) port -> port.placeOrder(UUID.randomUUID().toString(), TENANT, basicLine())),
        Arguments.of("account under review", 403, CspBusinessException.ACCOUNT_UNDER_REVIEW,
            (Consumer<CspPort>) port -> port.placeOrder(UUID.randomUUID().toString(), TENANT, basicLine())),
        Arguments.of("quantity out of range", 400, CspBusinessException.QUANTITY_OUT_OF_RANGE,
            (Consumer<CspPort>) port -> port.placeOrder(UUID.randomUUID().toString(), TENANT, basicLine())),
        Arguments.of("decrease not allowed", 400, CspBusinessException.QUANTITY_DECREASE_NOT_ALLOWED,
            (Consumer<CspPort>) port -> port.changeQuantity(UUID.randomUUID().toString(), TENANT, "sub-1", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void partnerCentersRefusalBecomesABusinessErrorWithItsCode(String name, int status, int code,
      Consumer<CspPort> call) {
    var refusal = json(status, "{\"code\":" + code + ",\"description\":\"Refused: " + name
        + "\",\"data\":[],\"source\":\"PartnerFD\"}");
    partnerCenter.stubFor(post("/v1/customers").willReturn(refusal));
    partnerCenter.stubFor(post(CUSTOMER + "/carts").willReturn(
        code == CspBusinessException.QUANTITY_OUT_OF_RANGE ? refusal : json(201, "{\"id\":\"cart-1\"}")));
    partnerCenter.stubFor(post(CUSTOMER + "/carts/cart-1/checkout").willReturn(refusal));
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions/sub-1").willReturn(json(200, subscriptionBody("active"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1")).willReturn(refusal));

    assertThatThrownBy(() -> call.accept(client)).isInstanceOfSatisfying(CspBusinessException.class, e -> {
      assertThat(e.httpStatus()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.description()).isEqualTo("Refused: " + name);
      assertThat(e.bpmnErrorCode()).isEqualTo("CSP_" + code);
    });
  }

  @Test
  void aDomainIsFreeOn404AndTakenOn200() {
    partnerCenter.stubFor(request("HEAD", urlEqualTo("/v1/domains/free.onmicrosoft.com"))
        .willReturn(aResponse().withStatus(404)));
    partnerCenter.stubFor(request("HEAD", urlEqualTo("/v1/domains/taken.onmicrosoft.com"))
        .willReturn(aResponse().withStatus(200)));

    assertThat(client.isDomainAvailable("free")).isTrue();
    assertThat(client.isDomainAvailable("taken")).isFalse();
  }

  @Test
  void theNewAdministratorsPasswordAndOurSecretsNeverReachTheLogOrTheResult(CapturedOutput log) {
    partnerCenter.stubFor(post("/v1/customers").willReturn(json(201,
        customerBody("contoso.onmicrosoft.com", "One-Time-Pa55!"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/users/user-1"))
        .withRequestBody(matchingJsonPath("$.passwordProfile.password", equalTo("N3w-Secret-Pw!")))
        .withRequestBody(matchingJsonPath("$.passwordProfile.forceChangePassword", equalTo("true")))
        .willReturn(json(400, "{\"code\":2000,\"description\":\"Password too weak\"}")));

    var created = client.createCustomer(UUID.randomUUID().toString(), newCustomer());
    assertThatThrownBy(() -> client.resetPassword(UUID.randomUUID().toString(), TENANT, "user-1",
        "N3w-Secret-Pw!".toCharArray()))
        .isInstanceOf(CspBusinessException.class).hasMessageNotContaining("N3w-Secret-Pw!");

    assertThat(created.toString()).doesNotContain("One-Time-Pa55!");
    assertThat(created.adminUserName()).isEqualTo("admin@contoso.onmicrosoft.com");
    assertThat(log.getAll()).doesNotContain("One-Time-Pa55!", "N3w-Secret-Pw!", TOKEN,
        TestPartnerCenterClients.CLIENT_SECRET, TestPartnerCenterClients.REFRESH_TOKEN);
    partnerCenter.verify(anyRequestedFor(anyUrl()));
  }

  @Test
  void aListSplitIntoPagesIsReadToTheEndWithTheContinuationTokenMicrosoftGaveForEachPage() {
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions").willReturn(json(200, """
        {"totalCount":1,"items":[%s],
         "links":{"next":{"uri":"/customers/%s/subscriptions?seekOperation=Next","method":"GET",
                          "headers":[{"key":"MS-ContinuationToken","value":"page-2-token"},
                                     {"key":"Authorization","value":"Bearer stolen"}]}},
         "attributes":{"objectType":"Collection"}}""".formatted(subscriptionBody("active"), TENANT))));
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions?seekOperation=Next")
        .withHeader("MS-ContinuationToken", equalTo("page-2-token"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(200, "{\"totalCount\":1,\"items\":[" + subscriptionBody("suspended").replace("sub-1",
            "sub-2") + "],\"links\":{},\"attributes\":{\"objectType\":\"Collection\"}}")));

    assertThat(client.subscriptions(TENANT)).extracting(CspSubscription::id, CspSubscription::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sub-1", CspSubscription.Status.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("sub-2", CspSubscription.Status.SUSPENDED));
    LoggedRequest second = partnerCenter.findAll(getRequestedFor(urlEqualTo(
        CUSTOMER + "/subscriptions?seekOperation=Next"))).get(0);
    assertThat(second.getHeader("MS-RequestId")).as("a read of its own").matches(UUID_PATTERN);
    assertThat(second.getHeader("MS-Contract-Version")).isEqualTo("v1");
  }

  @Test
  void graphPagesAreFollowedByTheirNextLinkButNeverToAnotherHost() {
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(token("graph-token", 3599, null)));
    String assignments = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments";
    partnerCenter.stubFor(get(urlEqualTo(assignments)).willReturn(json(200, """
        {"value":[{"id":"a-1","status":"active",
                   "accessContainer":{"accessContainerId":"another-group","accessContainerType":"securityGroup"}}],
         "@odata.nextLink":"%s%s?$skiptoken=page2"}""".formatted(partnerCenter.baseUrl(), assignments))));
    partnerCenter.stubFor(get(urlEqualTo(assignments + "?$skiptoken=page2"))
        .withHeader("Authorization", equalTo("Bearer graph-token"))
        .willReturn(json(200, """
        {"value":[{"id":"a-2","status":"active",
                   "accessContainer":{"accessContainerId":"%s","accessContainerType":"securityGroup"}}]}"""
            .formatted(TestPartnerCenterClients.AGENT_GROUP_ID))));

    client.assignGdapRoles("rel-1");
    assertThat(partnerCenter.findAll(postRequestedFor(urlPathEqualTo(assignments))))
        .as("the agent group's assignment is on the second page: nothing to create").isEmpty();

    partnerCenter.stubFor(get(urlEqualTo(assignments)).willReturn(json(200, """
        {"value":[],"@odata.nextLink":"https://graph.example.org/v1.0/next?$skiptoken=x"}""")));
    assertThatThrownBy(() -> client.assignGdapRoles("rel-1")).isInstanceOf(CspTechnicalException.class)
        .hasMessageContaining("not followed");
  }

  @Test
  void unknownStatusValuesAndFieldsAreTolerated() {
    partnerCenter.stubFor(get(CUSTOMER + "/orders/order-1").willReturn(json(200, """
        {"id":"order-1","status":"partiallyCompleted","brandNewField":{"x":1},
         "lineItems":[{"lineItemNumber":0,"offerId":"A:0001:B","subscriptionId":"sub-1","quantity":1}]}""")));
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions").willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscriptionBody("disabledByMicrosoft") + "]}")));

    CspOrder order = client.getOrder(TENANT, "order-1");
    assertThat(order.status()).isEqualTo(CspOrder.Status.UNKNOWN);
    assertThat(order.subscriptionIds()).containsExactly("sub-1");
    assertThat(client.subscriptions(TENANT)).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(CspSubscription.Status.UNKNOWN);
      assertThat(s.commitmentEndDate()).isNull();
      assertThat(s.creationDate()).isNotNull();
      assertThat(s.refundableQuantity()).isEqualTo(3);
    });
  }

  @Test
  void aChangeRefusedBecauseTheSubscriptionChangedMeanwhileIsMadeAgainOnAFreshRead() {
    String changedMeanwhile = "changed meanwhile";
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions/sub-1").inScenario("etag").whenScenarioStateIs(STARTED)
        .willReturn(json(200, subscriptionBody("active"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1")).inScenario("etag")
        .whenScenarioStateIs(STARTED).withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-7")))
        .willReturn(json(412, "{\"code\":2012,\"description\":\"The resource was changed\"}"))
        .willSetStateTo(changedMeanwhile));
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions/sub-1").inScenario("etag")
        .whenScenarioStateIs(changedMeanwhile)
        .willReturn(json(200, subscriptionBody("active").replace("etag-7", "etag-8"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1")).inScenario("etag")
        .whenScenarioStateIs(changedMeanwhile).withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-8")))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("12")))
        .willReturn(json(200, subscriptionBody("active").replace("etag-7", "etag-9").replace("\"quantity\":5",
            "\"quantity\":12"))));
    String requestId = UUID.randomUUID().toString();

    assertThat(client.changeQuantity(requestId, TENANT, "sub-1", 12).quantity()).isEqualTo(12);

    List<String> requestIds = partnerCenter.findAll(anyRequestedFor(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1")))
        .stream().filter(r -> r.getMethod().getName().equals("PATCH")).map(r -> r.getHeader("MS-RequestId")).toList();
    assertThat(requestIds).hasSize(2).first().isEqualTo(requestId);
    assertThat(requestIds.get(1)).as("a request of its own, not a replay of the refused one").isNotEqualTo(requestId);
  }

  @Test
  void aChangeThatKeepsMeetingAStaleEtagIsRefusedAfterThreeReads() {
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions/sub-1").willReturn(json(200, subscriptionBody("active"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1"))
        .willReturn(json(412, "{\"code\":2012,\"description\":\"The resource was changed\"}")));

    assertThatThrownBy(() -> client.changeQuantity(UUID.randomUUID().toString(), TENANT, "sub-1", 12))
        .isInstanceOfSatisfying(CspBusinessException.class, e -> assertThat(e.code()).isEqualTo(2012));
    assertThat(partnerCenter.findAll(anyRequestedFor(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1"))).stream()
        .filter(r -> r.getMethod().getName().equals("PATCH"))).hasSize(3);
  }

  @Test
  void aQuantityChangeSendsTheWholeSubscriptionWithItsEtagAndRereadsItWhenAccepted() {
    partnerCenter.stubFor(get(CUSTOMER + "/subscriptions/sub-1").willReturn(json(200, subscriptionBody("active"))));
    partnerCenter.stubFor(patch(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1"))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("12")))
        .withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-7")))
        .withRequestBody(matchingJsonPath("$.futureField", equalTo("kept")))
        .willReturn(aResponse().withStatus(202).withHeader("Location", CUSTOMER + "/subscriptions/sub-1")));
    String requestId = UUID.randomUUID().toString();

    assertThat(client.changeQuantity(requestId, TENANT, "sub-1", 12).id()).isEqualTo("sub-1");

    assertThat(partnerCenter.findAll(anyRequestedFor(urlPathEqualTo(CUSTOMER + "/subscriptions/sub-1"))).stream()
        .filter(r -> r.getMethod().getName().equals("PATCH")))
        .singleElement().satisfies(r -> assertThat(r.getHeader("MS-RequestId")).isEqualTo(requestId));
  }

  @Test
  void anOrderIsACartAndItsCheckoutEachWithAStableRequestId() {
    partnerCenter.stubFor(post(CUSTOMER + "/carts")
        .withRequestBody(matchingJsonPath("$.lineItems[0].catalogItemId", equalTo("CFQ7TTC0LH18:0001:CFQ7TTC09644")))
        .withRequestBody(matchingJsonPath("$.lineItems[0].termDuration", equalTo("P1M")))
        .withRequestBody(matchingJsonPath("$.lineItems[0].billingCycle", equalTo("monthly")))
        .willReturn(json(201, "{\"id\":\"cart-9\",\"lineItems\":[]}")));
    partnerCenter.stubFor(post(CUSTOMER + "/carts/cart-9/checkout").willReturn(json(200,
        "{\"orders\":[{\"id\":\"order-9\",\"status\":\"pending\",\"lineItems\":[]}],\"orderErrors\":[]}")));
    String requestId = UUID.randomUUID().toString();

    client.placeOrder(requestId, TENANT, basicLine());
    assertThat(client.placeOrder(requestId, TENANT, basicLine()).orderId()).isEqualTo("order-9");

    assertThat(partnerCenter.findAll(postRequestedFor(urlEqualTo(CUSTOMER + "/carts"))))
        .extracting(r -> r.getHeader("MS-RequestId")).containsExactly(requestId, requestId);
    assertThat(partnerCenter.findAll(postRequestedFor(urlEqualTo(CUSTOMER + "/carts/cart-9/checkout"))))
        .extracting(r -> r.getHeader("MS-RequestId"))
        .containsExactly(PartnerCenterClient.checkoutRequestId(requestId), PartnerCenterClient.checkoutRequestId(requestId))
        .doesNotContain(requestId);
  }

  private CspPort clientWith(Duration readTimeout, Duration tokenExpiryMargin, int maxAttempts) {
    return TestPartnerCenterClients.client(TestPartnerCenterClients.properties(partnerCenter.baseUrl(), readTimeout,
        tokenExpiryMargin, maxAttempts), waits);
  }

  private static void stubCatalog() {
    partnerCenter.stubFor(get(urlPathEqualTo("/v1/products")).willReturn(json(200, "{\"totalCount\":0,\"items\":[]}")));
  }

  private static List<OrderLine> basicLine() {
    return List.of(new OrderLine("CFQ7TTC0LH18:0001:CFQ7TTC09644", 5, "P1M", "monthly"));
  }

  private static NewCustomer newCustomer() {
    return new NewCustomer("contoso", "Contoso AB", "Anna", "Admin", "anna@example.com", "+46 8 123 456",
        "Storgatan 1", "111 22", "Stockholm", "SE", "sv-SE", "sv");
  }

  private static ResponseDefinitionBuilder token(String accessToken, int expiresIn, String refreshToken) {
    return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":\"" + expiresIn + "\",\"access_token\":\""
        + accessToken + "\"" + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}");
  }

  private static ResponseDefinitionBuilder throttled(int seconds) {
    return json(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in " + seconds
        + " seconds.\"}").withHeader("Retry-After", String.valueOf(seconds));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String customerBody(String domain, String password) {
    return """
        {"id":"%1$s","commerceId":"c-1","companyProfile":{"tenantId":"%1$s","domain":"%2$s","companyName":"Contoso AB"},
         "relationshipToPartner":"reseller",
         "userCredentials":{"userName":"admin@%2$s","password":"%3$s"},"attributes":{"objectType":"Customer"}}"""
        .formatted(TENANT, domain, password);
  }

  private static String subscriptionBody(String status) {
    return """
        {"id":"sub-1","offerId":"CFQ7TTC0LH18:0001:CFQ7TTC09644","offerName":"Microsoft 365 Business Basic",
         "quantity":5,"status":"%s","creationDate":"2026-11-23T10:00:00.6532294Z",
         "commitmentEndDate":"0001-01-01T00:00:00","termDuration":"P1M","billingCycle":"monthly",
         "refundableQuantity":{"totalQuantity":3,"details":[]},"futureField":"kept",
         "attributes":{"etag":"etag-7","objectType":"Subscription"}}""".formatted(status);
  }
}
