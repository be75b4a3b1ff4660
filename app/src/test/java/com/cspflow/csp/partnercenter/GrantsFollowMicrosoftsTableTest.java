package com.cspflow.csp.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.GdapRole;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.csp.OrderLine;
import com.cspflow.csp.WebhookRegistration;
import com.cspflow.csp.partnercenter.CspOperation.Api;
import com.cspflow.csp.partnercenter.CspOperation.Grant;
import com.cspflow.csp.partnercenter.TestPartnerCenterClients.RecordedWaits;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The grants Microsoft documents, against the client: {@code microsoft-access-table.md} holds the digest's table as it
 * stands (and the operations it does not list, from their own pages). Every operation of {@link CspOperation} must
 * fall under one row, declare a grant and GDAP roles that row allows, and, driven through every method of the port
 * against a loopback Microsoft, really sign in with such a grant: a call that uses another grant than the table says
 * fails this test, whichever way it got there.
 */
class GrantsFollowMicrosoftsTableTest {

  /** Which row of the table covers each operation: a phrase of the row's operation cell. */
  static final Map<CspOperation, String> ROWS = new EnumMap<>(Map.ofEntries(
      Map.entry(CspOperation.VERIFY_PARTNER, "verify PartnerID"),
      Map.entry(CspOperation.CHECK_DOMAIN, "domain availability"),
      Map.entry(CspOperation.CREATE_CUSTOMER, "create customer"),
      Map.entry(CspOperation.FIND_CUSTOMERS, "list customers filtered by domain"),
      Map.entry(CspOperation.RELATIONSHIP_LINK, "reseller relationship link"),
      Map.entry(CspOperation.AGREEMENT_TEMPLATES, "Customer Agreement template"),
      Map.entry(CspOperation.CONFIRM_AGREEMENT, "confirm Customer Agreement"),
      Map.entry(CspOperation.CATALOG_PRODUCTS, "catalog products, SKUs and availabilities"),
      Map.entry(CspOperation.CATALOG_SKUS, "catalog products, SKUs and availabilities"),
      Map.entry(CspOperation.CATALOG_AVAILABILITIES, "catalog products, SKUs and availabilities"),
      Map.entry(CspOperation.PRICE_SHEET, "price sheet"),
      Map.entry(CspOperation.CREATE_CART, "carts and checkout"),
      Map.entry(CspOperation.CHECKOUT, "carts and checkout"),
      Map.entry(CspOperation.GET_ORDER, "orders"),
      Map.entry(CspOperation.LIST_SUBSCRIPTIONS, "list subscriptions"),
      Map.entry(CspOperation.LIST_SUBSCRIPTIONS_OF_ORDER, "list subscriptions"),
      Map.entry(CspOperation.GET_SUBSCRIPTION, "get a subscription"),
      Map.entry(CspOperation.ACTIVITY_LOG, "audit records"),
      Map.entry(CspOperation.CHANGE_QUANTITY, "subscription PATCH"),
      Map.entry(CspOperation.CANCEL_SUBSCRIPTION, "subscription PATCH"),
      Map.entry(CspOperation.SET_AUTO_RENEW, "subscription PATCH"),
      Map.entry(CspOperation.SCHEDULE_NEXT_TERM, "subscription PATCH"),
      Map.entry(CspOperation.LIST_USERS, "list a customer's users"),
      Map.entry(CspOperation.RESET_PASSWORD, "reset a user's password"),
      Map.entry(CspOperation.GDAP_LIST_RELATIONSHIPS, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.GDAP_GET_RELATIONSHIP, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.GDAP_CREATE_RELATIONSHIP, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.GDAP_LOCK_FOR_APPROVAL, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.GDAP_LIST_ACCESS_ASSIGNMENTS, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.GDAP_CREATE_ACCESS_ASSIGNMENT, "GDAP relationships and access assignments"),
      Map.entry(CspOperation.BILLING_UNBILLED_EXPORT, "Graph billing exports"),
      Map.entry(CspOperation.BILLING_EXPORT_OPERATION, "Graph billing exports"),
      Map.entry(CspOperation.BILLING_BILLED_EXPORT, "Graph billing exports"),
      Map.entry(CspOperation.LIST_INVOICES, "the partner's invoices"),
      Map.entry(CspOperation.BILLING_EXPORT_FILE, "a billing export's file"),
      Map.entry(CspOperation.WEBHOOK_REGISTRATION, "the partner's webhook registration"),
      Map.entry(CspOperation.REGISTER_WEBHOOK, "the partner's webhook registration"),
      Map.entry(CspOperation.UPDATE_WEBHOOK, "the partner's webhook registration"),
      Map.entry(CspOperation.DISCOVER_TENANT, "a domain's tenant")));

  static final String TENANT = "0c1f6e1e-7f5d-4a43-a1c8-5b8b8a1b6a11";
  static final String NEW_TENANT = "4b827261-d21f-4aa9-b7db-7fa1f56fb163";

  /** One row of the table: its operation cell and its grant cell, as written. */
  record Row(String operation, String grant) {

    Set<Grant> grants() {
      String cell = grant.replace("*", "");
      if (cell.startsWith("none")) {
        return EnumSet.of(Grant.NONE);
      }
      if (cell.contains("App+User only")) {
        return EnumSet.of(Grant.APP_AND_USER);
      }
      if (cell.contains("App-only or App+User") || cell.contains("delegated (App+User) or application")
          || cell.contains("delegated or application")) {
        return EnumSet.of(Grant.APP_ONLY, Grant.APP_AND_USER);
      }
      throw new AssertionError("The table's grant '" + grant + "' is not one this test knows");
    }

    Set<GdapRole> gdapRoles() {
      return Arrays.stream(GdapRole.values()).filter(role -> grant.contains(role.displayName()))
          .collect(Collectors.toCollection(() -> EnumSet.noneOf(GdapRole.class)));
    }
  }

  @RegisterExtension
  static WireMockExtension microsoft = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private CspPort client;

  @BeforeEach
  void stubMicrosoft() {
    for (String resource : List.of("api.partnercenter.microsoft.com", "api.partner.microsoft.com",
        "graph.microsoft.com")) {
      String audience = resource.startsWith("graph") ? "graph"
          : resource.startsWith("api.partner.") ? "partner-api" : "partner-center";
      microsoft.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=client_credentials"))
          .withRequestBody(containing("resource=https%3A%2F%2F" + resource))
          .willReturn(json(200, token(audience + "-app-only", null))));
      microsoft.stubFor(post("/oauth2/token").withRequestBody(containing("grant_type=refresh_token"))
          .withRequestBody(containing("resource=https%3A%2F%2F" + resource))
          .willReturn(json(200, token(audience + "-app-and-user", "rotated-" + UUID.randomUUID()))));
    }
    String customer = "/v1/customers/" + TENANT;
    microsoft.stubFor(get(urlPathEqualTo("/v1/profiles/mpn")).willReturn(json(200, "{\"mpnId\":\"1234567\"}")));
    microsoft.stubFor(request("HEAD", urlPathMatching("/v1/domains/.*")).willReturn(aResponse().withStatus(404)));
    microsoft.stubFor(post("/v1/customers").willReturn(json(201, "{\"id\":\"" + TENANT + "\"}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(json(200, "{\"items\":[]}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/auditrecords")).willReturn(json(200, "{\"items\":[]}")));
    microsoft.stubFor(get("/v1/customers/relationshiprequests")
        .willReturn(json(200, "{\"url\":\"https://admin.microsoft.com/\"}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/agreements")).willReturn(json(200,
        "{\"items\":[{\"templateId\":\"t\",\"agreementType\":\"MicrosoftCustomerAgreement\"}]}")));
    microsoft.stubFor(post(customer + "/agreements").willReturn(json(201, "{}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/products")).willReturn(json(200,
        "{\"items\":[{\"id\":\"P\",\"title\":\"Microsoft 365 E3 (no Teams)\"}]}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/products/P/skus")).willReturn(json(200,
        "{\"items\":[{\"id\":\"0001\",\"title\":\"Microsoft 365 E3 (no Teams)\"}]}")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/products/P/skus/0001/availabilities")).willReturn(json(200,
        "{\"items\":[{\"id\":\"A\",\"catalogItemId\":\"P:0001:A\",\"isPurchasable\":true}]}")));
    microsoft.stubFor(get(urlPathMatching("/v1\\.0/sales/pricesheets.*")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/csv").withBody("ProductId,SkuId,TermDuration,BillingPlan,Currency,"
            + "UnitPrice,EffectiveStartDate,EffectiveEndDate\r\n")));
    microsoft.stubFor(post(customer + "/carts").willReturn(json(201, "{\"id\":\"cart\"}")));
    microsoft.stubFor(post(customer + "/carts/cart/checkout").willReturn(json(200,
        "{\"orders\":[{\"id\":\"order\",\"status\":\"pending\"}]}")));
    microsoft.stubFor(get(customer + "/orders/order")
        .willReturn(json(200, "{\"id\":\"order\",\"status\":\"pending\"}")));
    microsoft.stubFor(get(urlPathEqualTo(customer + "/subscriptions")).willReturn(json(200, "{\"items\":[]}")));
    microsoft.stubFor(get(customer + "/subscriptions/sub").willReturn(json(200, "{\"id\":\"sub\",\"quantity\":1}")));
    microsoft.stubFor(patch(urlPathEqualTo(customer + "/subscriptions/sub")).willReturn(json(200, "{\"id\":\"sub\"}")));
    microsoft.stubFor(get(customer + "/users").willReturn(json(200,
        "{\"items\":[{\"id\":\"user\",\"userPrincipalName\":\"admin@contoso.onmicrosoft.com\"}]}")));
    microsoft.stubFor(patch(customer + "/users/user").willReturn(json(200, "{\"id\":\"user\"}")));
    microsoft.stubFor(get("/contoso.onmicrosoft.com/.well-known/openid-configuration").willReturn(json(200,
        "{\"issuer\":\"https://sts.windows.net/" + TENANT + "/\"}")));
    String relationships = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";
    microsoft.stubFor(get(urlPathEqualTo(relationships)).withQueryParam("$filter", containing(TENANT))
        .willReturn(json(200, "{\"value\":[{\"id\":\"rel\",\"displayName\":\"Default\",\"status\":\"active\","
            + "\"accessDetails\":{\"unifiedRoles\":[{\"roleDefinitionId\":\""
            + GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR.roleDefinitionId() + "\"},{\"roleDefinitionId\":\""
            + GdapRole.DIRECTORY_READERS.roleDefinitionId() + "\"}]}}]}")));
    microsoft.stubFor(get(urlPathEqualTo(relationships)).withQueryParam("$filter", containing(NEW_TENANT))
        .willReturn(json(200, "{\"value\":[]}")));
    microsoft.stubFor(post(relationships).willReturn(json(201, "{\"id\":\"new\",\"status\":\"created\"}")));
    microsoft.stubFor(post(relationships + "/new/requests").willReturn(json(201, "{\"action\":\"lockForApproval\"}")));
    microsoft.stubFor(get(relationships + "/new")
        .willReturn(json(200, "{\"id\":\"new\",\"status\":\"approvalPending\"}")));
    microsoft.stubFor(get(relationships + "/rel").willReturn(json(200, "{\"id\":\"rel\",\"status\":\"active\","
        + "\"accessDetails\":{\"unifiedRoles\":[{\"roleDefinitionId\":\""
        + GdapRole.DIRECTORY_READERS.roleDefinitionId() + "\"}]}}")));
    microsoft.stubFor(get(relationships + "/rel/accessAssignments").willReturn(json(200, "{\"value\":[]}")));
    microsoft.stubFor(post(relationships + "/rel/accessAssignments").willReturn(json(201, "{\"status\":\"pending\"}")));
    String billing = "/graph/v1.0/reports/partners/billing";
    microsoft.stubFor(post(billing + "/reconciliation/unbilled/export").willReturn(aResponse().withStatus(202)
        .withHeader("Location", microsoft.baseUrl() + billing + "/operations/op")));
    microsoft.stubFor(post(billing + "/reconciliation/billed/export").willReturn(aResponse().withStatus(202)
        .withHeader("Location", microsoft.baseUrl() + billing + "/operations/op")));
    microsoft.stubFor(get(urlPathEqualTo("/v1/invoices")).willReturn(json(200, "{\"items\":[{\"id\":\"G202611\","
        + "\"billingPeriodStartDate\":\"2026-11-01T00:00:00Z\",\"billingPeriodEndDate\":\"2026-11-30T00:00:00Z\"}]}")));
    microsoft.stubFor(get(billing + "/operations/op").willReturn(json(200, "{\"status\":\"succeeded\","
        + "\"resourceLocation\":{\"dataFormat\":\"compressedJSONLines\",\"rootDirectory\":\"" + microsoft.baseUrl()
        + "/blobs/recon\",\"sasToken\":\"sv=1&sig=s\",\"blobCount\":1,\"blobs\":[{\"name\":\"part-00001.json.gz\"}]}}")));
    microsoft.stubFor(get(urlPathEqualTo("/blobs/recon/part-00001.json.gz")).willReturn(aResponse().withStatus(200)
        .withBody(gzip("{\"SubscriptionId\":\"sub\",\"ChargeType\":\"new\",\"Quantity\":1}\n"))));
    microsoft.stubFor(get("/webhooks/v1/registration").willReturn(json(200, "{\"SubscriberId\":\"s\","
        + "\"WebhookUrl\":\"https://cspflow.example.com/api/partner-center/events\","
        + "\"WebhookEvents\":[\"subscription-updated\"]}")));
    microsoft.stubFor(post("/webhooks/v1/registration").willReturn(json(200, "{}")));
    microsoft.stubFor(request("PUT", urlPathEqualTo("/webhooks/v1/registration")).willReturn(json(200, "{}")));
    client = TestPartnerCenterClients.client(TestPartnerCenterClients.properties(microsoft.baseUrl(),
        Duration.ofSeconds(5), Duration.ofMinutes(5), 3), new RecordedWaits());
  }

  @Test
  void everyOperationFallsUnderARowAndDeclaresAGrantAndGdapRolesTheRowAllows() throws IOException {
    Map<String, Row> table = table();
    for (CspOperation operation : CspOperation.values()) {
      Row row = rowOf(table, operation);
      assertThat(row.grants()).as("grants the table allows for %s", operation).contains(operation.grant());
      assertThat(operation.gdapRoles()).as("GDAP roles of %s", operation).isSubsetOf(row.gdapRoles());
      assertThat(operation.gdapRoles().isEmpty()).as("%s needs a GDAP role exactly when its row names one", operation)
          .isEqualTo(row.gdapRoles().isEmpty());
    }
    assertThat(rowOf(table, CspOperation.AGREEMENT_TEMPLATES).grants()).containsExactly(Grant.APP_AND_USER);
    assertThat(rowOf(table, CspOperation.CONFIRM_AGREEMENT).grants()).containsExactly(Grant.APP_AND_USER);
    assertThat(rowOf(table, CspOperation.LIST_USERS).grants()).containsExactly(Grant.APP_AND_USER);
  }

  @Test
  void everyCallTheClientMakesSignsInWithAGrantTheTableAllowsAndATokenForItsApi() throws IOException {
    client.verifyPartner("1234567");
    client.isDomainAvailable("contoso");
    client.createCustomer(UUID.randomUUID().toString(), new NewCustomer("contoso", "Contoso AB", "Anna", "Admin",
        "anna@example.com", "+46 8 123 456", "Storgatan 1", "111 22", "Stockholm", "SE", "sv-SE", "sv"));
    client.findCustomerByDomain("contoso.onmicrosoft.com");
    client.relationshipRequestLink();
    client.confirmCustomerAgreement(UUID.randomUUID().toString(), TENANT,
        new AgreementConfirmation("Anna", "Admin", "anna@example.com", "+46 8 123 456", Instant.now()));
    client.catalog();
    client.placeOrder(UUID.randomUUID().toString(), TENANT, List.of(new OrderLine("A:0001:B", 1, "P1M", "monthly")));
    client.getOrder(TENANT, "order");
    client.subscriptions(TENANT);
    client.subscriptionsOfOrder(TENANT, "order");
    client.activitySince(Instant.now().minusSeconds(3600));
    client.changeQuantity(UUID.randomUUID().toString(), TENANT, "sub", 2);
    client.cancelSubscription(UUID.randomUUID().toString(), TENANT, "sub");
    client.setAutoRenew(UUID.randomUUID().toString(), TENANT, "sub", false);
    client.scheduleNextTerm(UUID.randomUUID().toString(), TENANT, "sub",
        new NextTermInstructions("A:0001:B", 3, "P1Y", "annual"));
    client.users(TENANT);
    client.resetPassword(UUID.randomUUID().toString(), TENANT, "user", "Tr1cky-Passw0rd!".toCharArray());
    client.tenantIdOf("contoso.onmicrosoft.com");
    client.adminAccess(TENANT);
    client.requestGdapRelationship(NEW_TENANT, "Contoso AB", "cspflow contoso");
    client.gdapRelationship("rel");
    client.assignGdapRoles("rel");
    client.billingLines(client.billingExport(client.requestUnbilledExport("current", "EUR")).files().get(0));
    client.requestBilledExport(client.invoices().get(0).id());
    WebhookRegistration webhook = client.webhookRegistration().orElseThrow();
    client.registerWebhook(webhook, false);
    client.registerWebhook(webhook, true);

    Map<String, Row> table = table();
    Map<CspOperation, String> used = new LinkedHashMap<>();
    for (LoggedRequest call : microsoft.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      if (call.getUrl().equals("/oauth2/token")) {
        continue;
      }
      CspOperation operation = operationOf(call);
      String token = call.getHeader("Authorization");
      used.put(operation, token);
      Set<Grant> allowed = rowOf(table, operation).grants();
      assertThat(grantOf(token)).as("%s %s signed in with '%s'", call.getMethod(), call.getUrl(), token)
          .isIn(allowed);
      if (operation.grant() != Grant.NONE) {
        assertThat(token).as("the token's audience for %s", operation)
            .startsWith("Bearer " + switch (operation.api()) {
              case GRAPH -> "graph-";
              case PARTNER_API -> "partner-api-";
              default -> "partner-center-";
            });
      }
    }
    assertThat(used.keySet()).as("every operation was called").containsExactlyInAnyOrder(CspOperation.values());
  }

  private static Grant grantOf(String authorization) {
    if (authorization == null) {
      return Grant.NONE;
    }
    return authorization.endsWith("-app-and-user") ? Grant.APP_AND_USER : Grant.APP_ONLY;
  }

  /** The operation a request was, by its method and path as the operation table has them. */
  private static CspOperation operationOf(LoggedRequest call) {
    String path = call.getUrl().replaceFirst("\\?.*", "");
    if (path.startsWith("/blobs/")) {
      return CspOperation.BILLING_EXPORT_FILE;
    }
    List<CspOperation> matching = new ArrayList<>();
    for (CspOperation operation : CspOperation.values()) {
      String prefix = operation.api() == Api.GRAPH ? "/graph/v1.0" : "";
      String template = prefix + operation.uriTemplate().replaceFirst("\\?.*", "");
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (operation.method().name().equals(call.getMethod().getName()) && path.matches(regex)) {
        matching.add(operation);
      }
    }
    assertThat(matching).as("operations matching %s %s", call.getMethod(), call.getUrl()).isNotEmpty();
    boolean ordered = call.getUrl().contains("order_id=");
    if (matching.contains(CspOperation.CHANGE_QUANTITY)) {
      return subscriptionChange(call.getBodyAsString());
    }
    return matching.contains(CspOperation.LIST_SUBSCRIPTIONS)
        ? (ordered ? CspOperation.LIST_SUBSCRIPTIONS_OF_ORDER : CspOperation.LIST_SUBSCRIPTIONS) : matching.get(0);
  }

  /**
   * Every change of a subscription is one PATCH of the resource; which one it was shows in the body, compared with
   * the stubbed subscription ({@code {"id":"sub","quantity":1}}) it was read from.
   */
  private static CspOperation subscriptionChange(String body) {
    if (body.contains("\"status\":\"deleted\"")) {
      return CspOperation.CANCEL_SUBSCRIPTION;
    }
    if (body.contains("\"scheduledNextTermInstructions\"")) {
      return CspOperation.SCHEDULE_NEXT_TERM;
    }
    if (body.contains("\"autoRenewEnabled\"")) {
      return CspOperation.SET_AUTO_RENEW;
    }
    assertThat(body).as("a quantity change").contains("\"quantity\":2");
    return CspOperation.CHANGE_QUANTITY;
  }

  private static Row rowOf(Map<String, Row> table, CspOperation operation) {
    String phrase = ROWS.get(operation);
    assertThat(phrase).as("the row of %s (add it to ROWS when adding an operation)", operation).isNotNull();
    List<Row> rows = table.values().stream().filter(row -> row.operation().contains(phrase)).toList();
    assertThat(rows).as("rows of the table for '%s'", phrase).hasSize(1);
    return rows.get(0);
  }

  /** Every row of both tables of microsoft-access-table.md, by its operation cell. */
  static Map<String, Row> table() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (InputStream in = GrantsFollowMicrosoftsTableTest.class.getResourceAsStream("/microsoft-access-table.md")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("| ") || line.startsWith("| operation | grant |")) {
          continue;
        }
        String[] cells = line.substring(2, line.length() - 2).split(" \\| ", 2);
        rows.put(cells[0], new Row(cells[0], cells[1]));
      }
    }
    assertThat(rows).as("rows of the table").hasSizeGreaterThan(10);
    return rows;
  }

  private static byte[] gzip(String text) {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String token(String accessToken, String refreshToken) {
    return "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"" + accessToken + "\""
        + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
