package com.cspflow.csp.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.GdapRole;
import com.cspflow.csp.partnercenter.TestPartnerCenterClients;
import com.cspflow.support.MicrosoftFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract against WireMock, stubbed with the request and response samples of Microsoft's pages
 * ({@code partner-center-fixtures/}, adapted only for ids and roles) where the documentation has them, and shaped like
 * them elsewhere. Scenario states stand for what Microsoft would remember between calls. Every stub requires the
 * bearer token of a grant Microsoft allows for its operation: app-only or the consent's app+user token where both
 * are, the app+user token only where Microsoft's table says so (agreement, users, password, MPN, relationship link)
 * and for Graph. A call with another grant finds no stub and fails.
 */
class WireMockContractTest extends CspPortContract {

  /** The client credentials' token. */
  static final String APP_TOKEN = "wiremock-app-only-token";
  /** The documented refresh answer's access token: what the consent redeems to. */
  static final String USER_TOKEN = MicrosoftFixtures.body("token-refresh").path("access_token").asText();
  /** The consent redeemed for Microsoft's Partner API (api.partner.microsoft.com). */
  static final String PARTNER_API_TOKEN = "wiremock-partner-api-user-token";
  static final String AGENT_GROUP = TestPartnerCenterClients.AGENT_GROUP_ID;
  static final String RELATIONSHIPS = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";

  @RegisterExtension
  static WireMockExtension partnerCenter = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private CspPort port;

  @BeforeEach
  void stubTokensCatalogAndPartnerProfile() {
    ObjectNode appOnlyAnswer = MicrosoftFixtures.body("token-refresh");
    appOnlyAnswer.remove("refresh_token");
    appOnlyAnswer.put("access_token", APP_TOKEN);
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=client_credentials"))
        .willReturn(json(200, MicrosoftFixtures.text(appOnlyAnswer))));
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(json(MicrosoftFixtures.status("token-refresh"),
            MicrosoftFixtures.text(MicrosoftFixtures.body("token-refresh")))));
    partnerCenter.stubFor(appAndUser(get(urlPathEqualTo("/v1/profiles/mpn")).withQueryParam("mpnId", equalTo(KNOWN_MPN_ID)))
        .willReturn(json(200, """
            {"partnerName":"Wingtip Partner AB","mpnId":"1234567","profileType":"MpnProfile",
             "links":{"self":{"uri":"/profiles/mpn","method":"GET","headers":[]}},
             "attributes":{"objectType":"MpnProfile"}}""")));
    partnerCenter.stubFor(appAndUser(get(urlPathEqualTo("/v1/profiles/mpn")).withQueryParam("mpnId", equalTo(UNKNOWN_MPN_ID)))
        .willReturn(error(404, 600041, "MPN ID was not found.")));
    stubCatalog();
    partnerCenter.stubFor(appAndUser(get(urlPathEqualTo("/v1/agreements")))
        .withQueryParam("agreementType", equalTo("MicrosoftCustomerAgreement"))
        .willReturn(fixture("agreement-templates")));
    partnerCenter.stubFor(appAndUser(get("/v1/customers/relationshiprequests")).willReturn(json(200, """
        {"url":"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=4c9a2b7e-0000-4000-8000-000000000001&msppId=0&DAP=true#/BillingAccounts/partner-invitation",
         "attributes":{"objectType":"CustomerRelationshipRequest"}}""")));
    port = TestPartnerCenterClients.client(partnerCenter.baseUrl());
  }

  /**
   * Microsoft's catalog for Sweden: Business Basic and Exchange Online (Plan 1) in the commercial segment, nothing in
   * the others; this month's price sheet, and next month's not published yet (404).
   */
  private void stubCatalog() {
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products")).withQueryParam("country", equalTo("SE"))
        .withQueryParam("targetView", equalTo("OnlineServicesNCE")))
        .willReturn(json(200, "{\"totalCount\":0,\"items\":[],\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products")).withQueryParam("country", equalTo("SE"))
        .withQueryParam("targetView", equalTo("OnlineServicesNCE"))
        .withQueryParam("targetSegment", equalTo("commercial"))).willReturn(fixture("list-products")));
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products/CFQ7TTC0LH18/skus")))
        .willReturn(fixture("list-skus")));
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products/CFQ7TTC0LH18/skus/0001/availabilities")))
        .willReturn(fixture("list-availabilities")));
    ObjectNode exchangeSkus = MicrosoftFixtures.body("list-skus");
    ((ObjectNode) exchangeSkus.path("items").get(0)).put("productId", "CFQ7TTC0LH16")
        .put("title", "Exchange Online (Plan 1)").put("maximumQuantity", 5000);
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products/CFQ7TTC0LH16/skus")))
        .willReturn(json(200, MicrosoftFixtures.text(exchangeSkus))));
    ObjectNode exchangeAvailabilities = MicrosoftFixtures.body("list-availabilities");
    ((ObjectNode) exchangeAvailabilities.path("items").get(0)).put("id", "CFQ7TTC09F3D")
        .put("productId", "CFQ7TTC0LH16").put("catalogItemId", EXCHANGE_PLAN_1);
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/products/CFQ7TTC0LH16/skus/0001/availabilities")))
        .willReturn(json(200, MicrosoftFixtures.text(exchangeAvailabilities))));
    // Microsoft's Partner API takes a token for its own resource: the consent redeemed for api.partner.microsoft.com.
    partnerCenter.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("resource=https%3A%2F%2Fapi.partner.microsoft.com"))
        .willReturn(json(200, MicrosoftFixtures.text(MicrosoftFixtures.body("token-refresh")
            .put("access_token", PARTNER_API_TOKEN)))));
    // Asked for as a compressed file, the sheet is a zip holding the CSV; only that request is answered.
    partnerCenter.stubFor(partnerApi(get(urlPathMatching("/v1\\.0/sales/pricesheets.*SE.*updatedlicensebased.*"))
            .withQueryParam("timeline", equalTo("current")).withHeader("Accept-Encoding", containing("deflate")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/zip")
            .withBody(zipped("pricesheet_SE.csv", MicrosoftFixtures.textBody("price-sheet")))));
    partnerCenter.stubFor(partnerApi(get(urlPathMatching("/v1\\.0/sales/pricesheets.*"))
            .withQueryParam("timeline", equalTo("history")))
        .willReturn(error(404, 404, "The price sheet of the month is not published yet.")));
  }

  private static byte[] zipped(String name, String csv) {
    var zip = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry(name));
      out.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return zip.toByteArray();
  }

  @Override
  protected CspPort port() {
    return port;
  }

  @Override
  protected void givenANewCustomerCanBeCreated(String prefix, String requestId) {
    String domain = prefix + ".onmicrosoft.com";
    String tenantId = UUID.randomUUID().toString();
    partnerCenter.stubFor(appOnly(request("HEAD", urlPathEqualTo("/v1/domains/" + domain)))
        .inScenario(prefix).whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(404)));
    partnerCenter.stubFor(appOnly(request("HEAD", urlPathEqualTo("/v1/domains/" + domain)))
        .inScenario(prefix).whenScenarioStateIs("created").willReturn(aResponse().withStatus(200)));
    partnerCenter.stubFor(appOnly(post("/v1/customers")).withHeader("MS-RequestId", equalTo(requestId))
        .withRequestBody(matchingJsonPath("$.companyProfile.domain", equalTo(domain)))
        .withRequestBody(matchingJsonPath("$.billingProfile.defaultAddress.country", equalTo("SE")))
        .inScenario(prefix).willSetStateTo("created")
        .willReturn(json(201, """
            {"id":"%1$s","commerceId":"%2$s",
             "companyProfile":{"tenantId":"%1$s","domain":"%3$s","companyName":"Contoso AB",
                               "attributes":{"objectType":"CustomerCompanyProfile"}},
             "billingProfile":{"email":"anna@example.com","culture":"sv-SE","language":"sv","companyName":"Contoso AB",
                               "defaultAddress":{"country":"SE","city":"Stockholm","addressLine1":"Storgatan 1",
                                                 "postalCode":"111 22","firstName":"Anna","lastName":"Admin",
                                                 "phoneNumber":"+46 8 123 456"},
                               "attributes":{"objectType":"CustomerBillingProfile"}},
             "relationshipToPartner":"reseller","allowDelegatedAccess":true,
             "userCredentials":{"userName":"admin@%3$s","password":"Zx8#one-time-only",
                                "attributes":{"objectType":"UserCredentials"}},
             "attributes":{"objectType":"Customer"}}""".formatted(tenantId, UUID.randomUUID(), domain))));
    partnerCenter.stubFor(appOnly(post("/v1/customers")).withHeader("MS-RequestId", notContaining(requestId))
        .withRequestBody(matchingJsonPath("$.companyProfile.domain", equalTo(domain)))
        .willReturn(error(409, 600026, "The domain is already in use.")));
  }

  @Override
  protected String givenACustomerWithoutAgreement() {
    String tenantId = UUID.randomUUID().toString();
    String scenario = "orders-" + tenantId;
    String customer = "/v1/customers/" + tenantId;
    partnerCenter.stubFor(appOnly(post(customer + "/carts"))
        .withRequestBody(matchingJsonPath("$.lineItems[0].catalogItemId", equalTo(BUSINESS_BASIC)))
        .willReturn(json(201, """
            {"id":"cart-1","creationTimestamp":"2026-11-23T10:00:00Z","status":"Active",
             "lineItems":[{"id":0,"catalogItemId":"%s","quantity":5,"billingCycle":"monthly","termDuration":"P1M",
                           "currencyCode":"EUR","provisioningContext":{},"orderGroup":"0"}],
             "attributes":{"objectType":"Cart"}}""".formatted(BUSINESS_BASIC))));
    partnerCenter.stubFor(appOnly(post(customer + "/carts/cart-1/checkout")).inScenario(scenario)
        .whenScenarioStateIs(STARTED)
        .willReturn(error(400, 13605, "Customer has not accepted the Microsoft Customer Agreement.")));
    String templateId = MicrosoftFixtures.body("agreement-templates").path("items").get(0).path("templateId").asText();
    partnerCenter.stubFor(appAndUser(post(customer + "/agreements")).inScenario(scenario).willSetStateTo("agreed")
        .withRequestBody(matchingJsonPath("$.templateId", equalTo(templateId)))
        .withRequestBody(matchingJsonPath("$.type", equalTo("MicrosoftCustomerAgreement")))
        .withRequestBody(matchingJsonPath("$.primaryContact.email", equalTo("anna@example.com")))
        .willReturn(fixture("confirm-agreement")));
    String pendingOrder = order("pending", null);
    partnerCenter.stubFor(appOnly(post(customer + "/carts/cart-1/checkout")).inScenario(scenario)
        .whenScenarioStateIs("agreed")
        .willReturn(json(200, "{\"orders\":[" + pendingOrder + "],\"orderErrors\":[],"
            + "\"attributes\":{\"objectType\":\"CartCheckoutResult\"}}")));
    partnerCenter.stubFor(appOnly(get(customer + "/orders/order-1")).inScenario(scenario)
        .whenScenarioStateIs("agreed").willReturn(json(200, pendingOrder)));
    partnerCenter.stubFor(appOnly(get(customer + "/orders/order-1")).inScenario(scenario)
        .whenScenarioStateIs("completed").willReturn(json(200, order("completed", "sub-1"))));
    partnerCenter.stubFor(appOnly(get(customer + "/subscriptions")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5) + "],"
            + "\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo(customer + "/subscriptions")))
        .withQueryParam("order_id", equalTo("order-1")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5) + "],"
            + "\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(appOnly(get(customer + "/subscriptions/sub-1"))
        .willReturn(json(200, subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5))));
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(customer + "/subscriptions/sub-1")))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("7")))
        .withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-1")))
        .willReturn(json(200, subscription("sub-1", BUSINESS_BASIC, 7, "etag-2", 7))));
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(customer + "/subscriptions/sub-1")))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("301")))
        .willReturn(error(400, 2002, "Quantity is not within the allowed range.")));
    stubChangesAtRenewalAndCancellation(tenantId, customer + "/subscriptions/sub-1");
    partnerCenter.stubFor(appAndUser(get(customer + "/users")).willReturn(fixture("list-users")));
    String adminId = MicrosoftFixtures.body("list-users").path("items").get(1).path("id").asText();
    ObjectNode reset = (ObjectNode) MicrosoftFixtures.requestBody("reset-password").deepCopy();
    ((ObjectNode) reset.path("passwordProfile")).put("password", "Tr1cky-Passw0rd!");
    partnerCenter.stubFor(appAndUser(patch(urlPathEqualTo(customer + "/users/" + adminId)))
        .withRequestBody(equalToJson(MicrosoftFixtures.text(reset)))
        .willReturn(fixture("reset-password")));
    return tenantId;
  }

  /**
   * The PATCHes of new commerce on the subscription read by GET (whole resource, its etag): the next term
   * ({@code scheduledNextTermInstructions}), auto-renew, and the cancellation ({@code status: deleted}), which
   * Microsoft takes within 7 days and refuses with 800090 after.
   */
  private static void stubChangesAtRenewalAndCancellation(String tenantId, String subscription) {
    ObjectNode scheduled = subscriptionNode("sub-1", BUSINESS_BASIC, 5, "etag-2", 5);
    ObjectNode next = scheduled.putObject("scheduledNextTermInstructions");
    next.putObject("product").put("productId", "CFQ7TTC0LH18").put("skuId", "0001")
        .put("availabilityId", "CFQ7TTC09644").put("billingCycle", "annual").put("termDuration", "P1Y");
    next.put("quantity", 3);
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(subscription)))
        .withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-1")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.product.productId",
            equalTo("CFQ7TTC0LH18")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.product.skuId", equalTo("0001")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.product.availabilityId",
            equalTo("CFQ7TTC09644")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.product.termDuration", equalTo("P1Y")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.product.billingCycle", equalTo("annual")))
        .withRequestBody(matchingJsonPath("$.scheduledNextTermInstructions.quantity", equalTo("3")))
        .willReturn(json(200, MicrosoftFixtures.text(scheduled))));
    ObjectNode notRenewing = subscriptionNode("sub-1", BUSINESS_BASIC, 5, "etag-3", 5);
    notRenewing.put("autoRenewEnabled", false);
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(subscription)))
        .withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-1")))
        .withRequestBody(matchingJsonPath("$.autoRenewEnabled", equalTo("false")))
        .willReturn(json(200, MicrosoftFixtures.text(notRenewing))));
    String window = "window-" + tenantId;
    ObjectNode deleted = subscriptionNode("sub-1", BUSINESS_BASIC, 5, "etag-4", 0);
    deleted.put("status", "deleted").put("autoRenewEnabled", false);
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(subscription))).inScenario(window)
        .whenScenarioStateIs(STARTED)
        .withRequestBody(matchingJsonPath("$.status", equalTo("deleted")))
        .willReturn(json(200, MicrosoftFixtures.text(deleted))));
    partnerCenter.stubFor(appOnly(patch(urlPathEqualTo(subscription))).inScenario(window)
        .whenScenarioStateIs("closed")
        .withRequestBody(matchingJsonPath("$.status", equalTo("deleted")))
        .willReturn(error(400, 800090, "Quantity decrease or cancellation is not allowed after the cancellation "
            + "window; schedule the change for the renewal.")));
  }

  @Override
  protected void givenTheCancellationWindowHasClosed(String tenantId) {
    partnerCenter.setScenarioState("window-" + tenantId, "closed");
  }

  private static ObjectNode subscriptionNode(String id, String offerId, int quantity, String etag, int refundable) {
    try {
      return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(subscription(id, offerId, quantity, etag, refundable));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void givenTheOrdersHaveCompleted(String tenantId) {
    partnerCenter.setScenarioState("orders-" + tenantId, "completed");
  }

  @Override
  protected void givenAnExistingTenant(String domain) {
    String tenantId = UUID.randomUUID().toString();
    String scenario = "migration-" + domain;
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/customers"))).withQueryParam("filter", containing(domain))
        .inScenario(scenario).whenScenarioStateIs(STARTED)
        .willReturn(json(200, "{\"totalCount\":0,\"items\":[],\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(appOnly(get(urlPathEqualTo("/v1/customers"))).withQueryParam("filter", containing(domain))
        .inScenario(scenario).whenScenarioStateIs("accepted")
        .willReturn(json(200, """
            {"totalCount":1,"items":[{"id":"%1$s","commerceId":"%1$s",
              "companyProfile":{"tenantId":"%1$s","domain":"%2$s","companyName":"Fabrikam"},
              "relationshipToPartner":"reseller","attributes":{"objectType":"Customer"}}],
             "attributes":{"objectType":"Collection"}}""".formatted(tenantId, domain))));
    partnerCenter.stubFor(appOnly(get("/v1/customers/" + tenantId + "/subscriptions")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-x", EXCHANGE_PLAN_1, 10, "etag-x", 0) + "]}")));
  }

  @Override
  protected void givenTheCustomerAcceptedTheRelationship(String domain) {
    partnerCenter.setScenarioState("migration-" + domain, "accepted");
  }

  @Override
  protected String givenACustomerWithAdminAccess() {
    String tenantId = UUID.randomUUID().toString();
    String relationship = tenantId + "-" + UUID.randomUUID();
    String scenario = "gdap-" + tenantId;
    JsonNode documented = MicrosoftFixtures.body("list-delegated-admin-relationships").path("value");
    ObjectNode active = relationship(documented.get(0), relationship, tenantId, "active",
        GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GdapRole.DIRECTORY_READERS);
    ObjectNode terminated = relationship(documented.get(1), tenantId + "-ended", tenantId, "terminated");
    ObjectNode pending = relationship(documented.get(2), tenantId + "-pending", tenantId, "approvalPending");
    ObjectNode withoutPaa = relationship(documented.get(0), relationship, tenantId, "active",
        GdapRole.DIRECTORY_READERS, GdapRole.USER_ADMINISTRATOR);
    stubRelationships(tenantId, scenario, STARTED, active, terminated);
    stubRelationships(tenantId, scenario, "ended", terminated, pending);
    stubRelationships(tenantId, scenario, "withoutPaa", withoutPaa, terminated);
    stubRelationships(tenantId, scenario, "unassigned", active, terminated);
    JsonNode assignments = MicrosoftFixtures.body("list-access-assignments").path("value");
    ObjectNode ours = ((ObjectNode) assignments.get(1).deepCopy());
    ours.set("accessDetails", roles(GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GdapRole.DIRECTORY_READERS));
    for (String state : List.of(STARTED, "withoutPaa")) {
      partnerCenter.stubFor(graph(get(RELATIONSHIPS + "/" + relationship + "/accessAssignments")).inScenario(scenario)
          .whenScenarioStateIs(state).willReturn(json(200, MicrosoftFixtures.text(
              collection("list-access-assignments", assignments.get(0), ours)))));
    }
    partnerCenter.stubFor(graph(get(RELATIONSHIPS + "/" + relationship + "/accessAssignments")).inScenario(scenario)
        .whenScenarioStateIs("unassigned").willReturn(fixture("list-access-assignments")));
    return tenantId;
  }

  @Override
  protected void givenNoActiveGdapRelationship(String tenantId) {
    partnerCenter.setScenarioState("gdap-" + tenantId, "ended");
  }

  @Override
  protected void givenGdapWithoutPrivilegedAuthenticationAdministrator(String tenantId) {
    partnerCenter.setScenarioState("gdap-" + tenantId, "withoutPaa");
  }

  @Override
  protected void givenGdapRolesNotAssignedToTheAgentGroup(String tenantId) {
    partnerCenter.setScenarioState("gdap-" + tenantId, "unassigned");
  }

  @Override
  protected String givenATenantThatIsNotACustomer(String domain) {
    String tenantId = UUID.randomUUID().toString();
    partnerCenter.stubFor(get("/" + domain + "/.well-known/openid-configuration").willReturn(json(200,
        "{\"token_endpoint\":\"https://login.microsoftonline.com/" + tenantId + "/oauth2/token\","
            + "\"issuer\":\"https://sts.windows.net/" + tenantId + "/\"}")));
    partnerCenter.stubFor(get(urlPathMatching("/nobody.*/\\.well-known/openid-configuration")).willReturn(json(400,
        "{\"error\":\"invalid_tenant\",\"error_description\":\"AADSTS90002: Tenant 'nobody' not found.\","
            + "\"error_codes\":[90002]}")));
    String relationship = tenantId + "-" + UUID.randomUUID();
    String scenario = "request-" + tenantId;
    JsonNode created = MicrosoftFixtures.body("create-delegated-admin-relationship");
    List<GdapRole> template = List.of(GdapRole.DIRECTORY_READERS, GdapRole.USER_ADMINISTRATOR,
        GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR);
    GdapRole[] roles = template.toArray(GdapRole[]::new);
    stubRelationships(tenantId, scenario, STARTED);
    for (String state : List.of("pending", "active", "assigned")) {
      stubRelationships(tenantId, scenario, state, relationship(created, relationship, tenantId,
          state.equals("pending") ? "approvalPending" : "active", roles).put("displayName", "cspflow contract"));
      partnerCenter.stubFor(graph(get(RELATIONSHIPS + "/" + relationship)).inScenario(scenario)
          .whenScenarioStateIs(state).willReturn(json(200, MicrosoftFixtures.text(relationship(created, relationship, tenantId,
              state.equals("pending") ? "approvalPending" : "active", roles)))));
    }
    partnerCenter.stubFor(graph(post(RELATIONSHIPS)).inScenario(scenario).whenScenarioStateIs(STARTED)
        .withRequestBody(matchingJsonPath("$.customer.tenantId", equalTo(tenantId)))
        .withRequestBody(matchingJsonPath("$.displayName", equalTo("cspflow contract")))
        .withRequestBody(matchingJsonPath("$.duration", equalTo("P730D")))
        .withRequestBody(matchingJsonPath("$.autoExtendDuration", equalTo("P180D")))
        .withRequestBody(matchingJsonPath("$.accessDetails.unifiedRoles[2].roleDefinitionId",
            equalTo(GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR.roleDefinitionId())))
        .willSetStateTo("created")
        .willReturn(json(201, MicrosoftFixtures.text(relationship(created, relationship, tenantId, "created",
            roles)))));
    partnerCenter.stubFor(graph(post(RELATIONSHIPS + "/" + relationship + "/requests")).inScenario(scenario)
        .whenScenarioStateIs("created")
        .withRequestBody(equalToJson(MicrosoftFixtures.text(MicrosoftFixtures.requestBody("lock-for-approval"))))
        .willSetStateTo("pending").willReturn(fixture("lock-for-approval")));
    partnerCenter.stubFor(graph(get(RELATIONSHIPS + "/" + relationship + "/accessAssignments")).inScenario(scenario)
        .whenScenarioStateIs("active").willReturn(json(200, "{\"value\":[]}")));
    ObjectNode assignment = MicrosoftFixtures.body("create-access-assignment");
    ((ObjectNode) assignment.path("accessContainer")).put("accessContainerId", AGENT_GROUP);
    assignment.set("accessDetails", roles(roles));
    partnerCenter.stubFor(graph(post(RELATIONSHIPS + "/" + relationship + "/accessAssignments")).inScenario(scenario)
        .whenScenarioStateIs("active")
        .withRequestBody(matchingJsonPath("$.accessContainer.accessContainerId", equalTo(AGENT_GROUP)))
        .withRequestBody(matchingJsonPath("$.accessContainer.accessContainerType", equalTo("securityGroup")))
        .willSetStateTo("assigned").willReturn(json(201, MicrosoftFixtures.text(assignment))));
    ObjectNode activeAssignment = assignment.deepCopy().put("status", "active");
    partnerCenter.stubFor(graph(get(RELATIONSHIPS + "/" + relationship + "/accessAssignments")).inScenario(scenario)
        .whenScenarioStateIs("assigned").willReturn(json(200, MicrosoftFixtures.text(
            collection("list-access-assignments", activeAssignment)))));
    return tenantId;
  }

  @Override
  protected void givenTheCustomerApprovedTheGdapRelationship(String relationshipId) {
    partnerCenter.setScenarioState("request-" + relationshipId.substring(0, 36), "active");
  }

  /** The customer's relationships, in one state of a scenario, as Graph's list page shows them. */
  private void stubRelationships(String tenantId, String scenario, String state, JsonNode... relationships) {
    partnerCenter.stubFor(graph(get(urlPathEqualTo(RELATIONSHIPS)))
        .withQueryParam("$filter", equalTo("customer/tenantId eq '" + tenantId + "'"))
        .inScenario(scenario).whenScenarioStateIs(state)
        .willReturn(json(200, MicrosoftFixtures.text(collection("list-delegated-admin-relationships",
            relationships)))));
  }

  /** A documented collection answer with other items. */
  private static ObjectNode collection(String sample, JsonNode... items) {
    ObjectNode body = MicrosoftFixtures.body(sample);
    ArrayNode value = body.putArray("value");
    for (JsonNode item : items) {
      value.add(item);
    }
    return body;
  }

  /** A documented relationship, adapted to this customer, id, status and roles (its own roles when none given). */
  private static ObjectNode relationship(JsonNode documented, String id, String tenantId, String status,
      GdapRole... roles) {
    ObjectNode relationship = documented.deepCopy();
    relationship.put("id", id).put("status", status);
    ((ObjectNode) relationship.path("customer")).put("tenantId", tenantId);
    if (roles.length > 0) {
      relationship.set("accessDetails", roles(roles));
    }
    return relationship;
  }

  private static ObjectNode roles(GdapRole... roles) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode unified = details.putArray("unifiedRoles");
    for (GdapRole role : roles) {
      unified.addObject().put("roleDefinitionId", role.roleDefinitionId());
    }
    return details;
  }

  private static String order(String status, String subscriptionId) {
    return """
        {"id":"order-1","referenceCustomerId":"c","billingCycle":"monthly","currencyCode":"EUR",
         "lineItems":[{"lineItemNumber":0,"offerId":"%s","subscriptionId":%s,"termDuration":"P1M",
                       "transactionType":"New","quantity":5,"provisioningStatus":"%s"}],
         "creationDate":"2026-11-23T10:00:00.1234567Z","status":"%s","transactionType":"UserPurchase",
         "attributes":{"objectType":"Order"}}""".formatted(BUSINESS_BASIC,
        subscriptionId == null ? "null" : "\"" + subscriptionId + "\"",
        subscriptionId == null ? "PrefulfillmentPending" : "Fulfilled", status);
  }

  static String subscription(String id, String offerId, int quantity, String etag, int refundable) {
    return """
        {"id":"%s","offerId":"%s","offerName":"Subscription %s","friendlyName":"Subscription","quantity":%d,
         "unitType":"Licenses","hasPurchasableAddons":false,"creationDate":"2026-11-23T10:00:00.6532294Z",
         "effectiveStartDate":"2026-11-23T00:00:00Z","commitmentEndDate":"2026-12-22T00:00:00Z",
         "status":"active","autoRenewEnabled":true,"isTrial":false,"billingType":"license","billingCycle":"monthly",
         "termDuration":"P1M","refundOptions":[{"type":"Full","expiresAt":"2026-11-30T10:00:00Z"}],
         "refundableQuantity":{"totalQuantity":%d,"details":[]},"isMicrosoftProduct":true,
         "cancellationAllowedUntilDate":"2026-11-30T10:00:00Z","orderId":"order-1",
         "attributes":{"etag":"%s","objectType":"Subscription"}}""".formatted(id, offerId, id, quantity, refundable,
        etag);
  }

  /** An operation Microsoft allows with either grant: the app-only token or the consent's. */
  static MappingBuilder appOnly(MappingBuilder request) {
    return request.withHeader("Authorization", matching("Bearer (" + Pattern.quote(APP_TOKEN) + "|"
        + Pattern.quote(USER_TOKEN) + ")")).withHeader("MS-Contract-Version", equalTo("v1"));
  }

  /** Microsoft's Partner API (price sheets): the consent's token for that API's own resource. */
  static MappingBuilder partnerApi(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + PARTNER_API_TOKEN));
  }

  /** An operation Microsoft allows with the consent's app+user token only. */
  static MappingBuilder appAndUser(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + USER_TOKEN))
        .withHeader("MS-Contract-Version", equalTo("v1"));
  }

  /** Microsoft Graph, delegated: the consent's token for Graph. */
  static MappingBuilder graph(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + USER_TOKEN));
  }

  /** A documented response as the page shows it. */
  static ResponseDefinitionBuilder fixture(String sample) {
    return json(MicrosoftFixtures.status(sample), MicrosoftFixtures.text(MicrosoftFixtures.body(sample)));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder error(int status, int code, String description) {
    return json(status, "{\"code\":" + code + ",\"description\":\"" + description
        + "\",\"data\":[],\"source\":\"PartnerFD\"}");
  }
}
