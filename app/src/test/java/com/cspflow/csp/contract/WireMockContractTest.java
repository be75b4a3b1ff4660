package com.cspflow.csp.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.partnercenter.TestPartnerCenterClients;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract against WireMock, stubbed with answers shaped like Partner Center's documentation. Scenario
 * states stand for what Microsoft would remember between calls. Every stub requires the bearer token, so a
 * call without it finds no stub and fails.
 */
class WireMockContractTest extends CspPortContract {

  static final String TOKEN = "wiremock-access-token";

  @RegisterExtension
  static WireMockExtension partnerCenter = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private CspPort port;

  @BeforeEach
  void stubTokensCatalogAndPartnerProfile() {
    partnerCenter.stubFor(post("/oauth2/token").willReturn(json(200,
        "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"" + TOKEN + "\"}")));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/profiles/mpn")).withQueryParam("mpnId", equalTo(KNOWN_MPN_ID)))
        .willReturn(json(200, """
            {"partnerName":"Wingtip Partner AB","mpnId":"1234567","profileType":"MpnProfile",
             "links":{"self":{"uri":"/profiles/mpn","method":"GET","headers":[]}},
             "attributes":{"objectType":"MpnProfile"}}""")));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/profiles/mpn")).withQueryParam("mpnId", equalTo(UNKNOWN_MPN_ID)))
        .willReturn(error(404, 600041, "MPN ID was not found.")));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/offers")).withQueryParam("country", equalTo("SE")))
        .willReturn(json(200, """
            {"totalCount":2,"items":[
              {"id":"%s","productId":"CFQ7TTC0LH18","skuId":"0001","availabilityId":"CFQ7TTC09644",
               "name":"Microsoft 365 Business Basic","category":"Corporate","productGroup":"Microsoft 365",
               "minimumQuantity":1,"maximumQuantity":300,
               "terms":[{"duration":"P1Y","billingCycles":["annual","monthly"],"unitPrice":5.60},
                        {"duration":"P1M","billingCycles":["monthly"],"unitPrice":6.72}],
               "billingCycles":["monthly","annual"],"unitPrice":5.60,"currencyCode":"EUR","isAddOn":false},
              {"id":"%s","productId":"CFQ7TTC0LH16","skuId":"0001","availabilityId":"CFQ7TTC09F3D",
               "name":"Exchange Online (Plan 1)","category":"Corporate","productGroup":"Exchange Online",
               "minimumQuantity":1,"maximumQuantity":5000,
               "terms":[{"duration":"P1Y","unitPrice":3.70},{"duration":"P1M","unitPrice":4.44}],
               "billingCycles":["monthly","annual"],"unitPrice":3.70,"currencyCode":"EUR"}],
             "attributes":{"objectType":"Collection"}}""".formatted(BUSINESS_BASIC, EXCHANGE_PLAN_1))));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/agreements")))
        .withQueryParam("agreementType", equalTo("MicrosoftCustomerAgreement"))
        .willReturn(json(200, """
            {"totalCount":1,"items":[{"templateId":"117a488c-9a0b-4bb5-9e4c-0c5c7ab4b9a1",
             "agreementType":"MicrosoftCustomerAgreement","agreementLink":"https://aka.ms/customeragreement",
             "versionRank":0}],"attributes":{"objectType":"Collection"}}""")));
    partnerCenter.stubFor(authorized(get("/v1/customers/relationshiprequests")).willReturn(json(200, """
        {"url":"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=4c9a2b7e-0000-4000-8000-000000000001&msppId=0&DAP=true#/BillingAccounts/partner-invitation",
         "attributes":{"objectType":"CustomerRelationshipRequest"}}""")));
    port = TestPartnerCenterClients.client(partnerCenter.baseUrl());
  }

  @Override
  protected CspPort port() {
    return port;
  }

  @Override
  protected void givenANewCustomerCanBeCreated(String prefix, String requestId) {
    String domain = prefix + ".onmicrosoft.com";
    String tenantId = UUID.randomUUID().toString();
    partnerCenter.stubFor(authorized(request("HEAD", urlPathEqualTo("/v1/domains/" + domain)))
        .inScenario(prefix).whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(404)));
    partnerCenter.stubFor(authorized(request("HEAD", urlPathEqualTo("/v1/domains/" + domain)))
        .inScenario(prefix).whenScenarioStateIs("created").willReturn(aResponse().withStatus(200)));
    partnerCenter.stubFor(authorized(post("/v1/customers")).withHeader("MS-RequestId", equalTo(requestId))
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
    partnerCenter.stubFor(authorized(post("/v1/customers")).withHeader("MS-RequestId", notContaining(requestId))
        .withRequestBody(matchingJsonPath("$.companyProfile.domain", equalTo(domain)))
        .willReturn(error(409, 600026, "The domain is already in use.")));
  }

  @Override
  protected String givenACustomerWithoutAgreement() {
    String tenantId = UUID.randomUUID().toString();
    String scenario = "orders-" + tenantId;
    String customer = "/v1/customers/" + tenantId;
    partnerCenter.stubFor(authorized(post(customer + "/carts"))
        .withRequestBody(matchingJsonPath("$.lineItems[0].catalogItemId", equalTo(BUSINESS_BASIC)))
        .willReturn(json(201, """
            {"id":"cart-1","creationTimestamp":"2026-11-23T10:00:00Z","status":"Active",
             "lineItems":[{"id":0,"catalogItemId":"%s","quantity":5,"billingCycle":"monthly","termDuration":"P1M",
                           "currencyCode":"EUR","provisioningContext":{},"orderGroup":"0"}],
             "attributes":{"objectType":"Cart"}}""".formatted(BUSINESS_BASIC))));
    partnerCenter.stubFor(authorized(post(customer + "/carts/cart-1/checkout")).inScenario(scenario)
        .whenScenarioStateIs(STARTED)
        .willReturn(error(400, 13605, "Customer has not accepted the Microsoft Customer Agreement.")));
    partnerCenter.stubFor(authorized(post(customer + "/agreements")).inScenario(scenario).willSetStateTo("agreed")
        .withRequestBody(matchingJsonPath("$.templateId", equalTo("117a488c-9a0b-4bb5-9e4c-0c5c7ab4b9a1")))
        .withRequestBody(matchingJsonPath("$.type", equalTo("MicrosoftCustomerAgreement")))
        .withRequestBody(matchingJsonPath("$.primaryContact.email", equalTo("anna@example.com")))
        .willReturn(json(201, "{\"templateId\":\"117a488c-9a0b-4bb5-9e4c-0c5c7ab4b9a1\","
            + "\"type\":\"MicrosoftCustomerAgreement\",\"dateAgreed\":\"2026-11-23T10:00:00Z\"}")));
    String pendingOrder = order("pending", null);
    partnerCenter.stubFor(authorized(post(customer + "/carts/cart-1/checkout")).inScenario(scenario)
        .whenScenarioStateIs("agreed")
        .willReturn(json(200, "{\"orders\":[" + pendingOrder + "],\"orderErrors\":[],"
            + "\"attributes\":{\"objectType\":\"CartCheckoutResult\"}}")));
    partnerCenter.stubFor(authorized(get(customer + "/orders/order-1")).inScenario(scenario)
        .whenScenarioStateIs("agreed").willReturn(json(200, pendingOrder)));
    partnerCenter.stubFor(authorized(get(customer + "/orders/order-1")).inScenario(scenario)
        .whenScenarioStateIs("completed").willReturn(json(200, order("completed", "sub-1"))));
    partnerCenter.stubFor(authorized(get(customer + "/subscriptions")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5) + "],"
            + "\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo(customer + "/subscriptions")))
        .withQueryParam("order_id", equalTo("order-1")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5) + "],"
            + "\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(authorized(get(customer + "/subscriptions/sub-1"))
        .willReturn(json(200, subscription("sub-1", BUSINESS_BASIC, 5, "etag-1", 5))));
    partnerCenter.stubFor(authorized(patch(urlPathEqualTo(customer + "/subscriptions/sub-1")))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("7")))
        .withRequestBody(matchingJsonPath("$.attributes.etag", equalTo("etag-1")))
        .willReturn(json(200, subscription("sub-1", BUSINESS_BASIC, 7, "etag-2", 7))));
    partnerCenter.stubFor(authorized(patch(urlPathEqualTo(customer + "/subscriptions/sub-1")))
        .withRequestBody(matchingJsonPath("$.quantity", equalTo("301")))
        .willReturn(error(400, 2002, "Quantity is not within the allowed range.")));
    partnerCenter.stubFor(authorized(get(customer + "/users")).willReturn(json(200, """
        {"totalCount":1,"items":[{"id":"user-admin","userPrincipalName":"admin@contoso.onmicrosoft.com",
         "firstName":"Anna","lastName":"Admin","displayName":"Anna Admin","userDomainType":"none",
         "state":"active","attributes":{"objectType":"CustomerUser"}}],
         "attributes":{"objectType":"Collection"}}""")));
    partnerCenter.stubFor(authorized(patch(urlPathEqualTo(customer + "/users/user-admin")))
        .withRequestBody(equalToJson("""
            {"passwordProfile":{"password":"Tr1cky-Passw0rd!","forceChangePassword":true},
             "attributes":{"objectType":"CustomerUser"}}"""))
        .willReturn(json(200, "{\"id\":\"user-admin\",\"userPrincipalName\":\"admin@contoso.onmicrosoft.com\"}")));
    return tenantId;
  }

  @Override
  protected void givenTheOrdersHaveCompleted(String tenantId) {
    partnerCenter.setScenarioState("orders-" + tenantId, "completed");
  }

  @Override
  protected void givenAnExistingTenant(String domain) {
    String tenantId = UUID.randomUUID().toString();
    String scenario = "migration-" + domain;
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/customers"))).withQueryParam("filter", containing(domain))
        .inScenario(scenario).whenScenarioStateIs(STARTED)
        .willReturn(json(200, "{\"totalCount\":0,\"items\":[],\"attributes\":{\"objectType\":\"Collection\"}}")));
    partnerCenter.stubFor(authorized(get(urlPathEqualTo("/v1/customers"))).withQueryParam("filter", containing(domain))
        .inScenario(scenario).whenScenarioStateIs("accepted")
        .willReturn(json(200, """
            {"totalCount":1,"items":[{"id":"%1$s","commerceId":"%1$s",
              "companyProfile":{"tenantId":"%1$s","domain":"%2$s","companyName":"Fabrikam"},
              "relationshipToPartner":"reseller","attributes":{"objectType":"Customer"}}],
             "attributes":{"objectType":"Collection"}}""".formatted(tenantId, domain))));
    partnerCenter.stubFor(authorized(get("/v1/customers/" + tenantId + "/subscriptions")).willReturn(json(200,
        "{\"totalCount\":1,\"items\":[" + subscription("sub-x", EXCHANGE_PLAN_1, 10, "etag-x", 0) + "]}")));
  }

  @Override
  protected void givenTheCustomerAcceptedTheRelationship(String domain) {
    partnerCenter.setScenarioState("migration-" + domain, "accepted");
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

  static MappingBuilder authorized(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("MS-Contract-Version", equalTo("v1"));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder error(int status, int code, String description) {
    return json(status, "{\"code\":" + code + ",\"description\":\"" + description
        + "\",\"data\":[],\"source\":\"PartnerFD\"}");
  }
}
