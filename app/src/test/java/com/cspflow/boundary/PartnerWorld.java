package com.cspflow.boundary;

import com.cspflow.activation.ServiceRepository;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two partners with one of everything: partner A (with the longest partner id and client id the API accepts, so
 * that every column that records who did something, ours and the engine's, is tried at its limit) and partner B, each with an active customer that has
 * a subscription, a customer without Microsoft 365, an order, a quantity change, a cancellation, billing lines of a
 * completed run;
 * their systems signed in with API clients registered through the administration API. Built once per test run
 * (the Spring context is shared) and used by every boundary test.
 */
final class PartnerWorld {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String BILLED_PERIOD = "2025-01";

  /** One partner's records. */
  record Partner(String id, String clientId, String organizationId, String organizationName, String tenantId,
      String adminUserName, String bareOrganizationId, String subscriptionId, String orderId, String changeId,
      String cancellationId, String renewalChangeId) {

    /** Everything of this partner that another partner must never read. */
    List<String> secrets() {
      return List.of(id, clientId, organizationId, organizationName, tenantId, adminUserName, bareOrganizationId,
          subscriptionId, orderId, changeId, cancellationId, renewalChangeId);
    }

    /** The value of a path parameter or body field that names one of this partner's records. */
    String idFor(String parameter) {
      return switch (parameter) {
        case "partnerId" -> id;
        case "organizationId" -> organizationId;
        case "subscriptionId" -> subscriptionId;
        case "orderId" -> orderId;
        case "changeId" -> changeId;
        case "cancellationId" -> cancellationId;
        case "renewalChangeId" -> renewalChangeId;
        default -> null;
      };
    }
  }

  private static PartnerWorld world;

  final Partner a;
  final Partner b;
  final String runId;
  final String victimClient;
  final HostileHttp http;
  final StoredState state;
  final String rootUri;

  private PartnerWorld(Partner a, Partner b, String runId, String victimClient, HostileHttp http, StoredState state,
      String rootUri) {
    this.a = a;
    this.b = b;
    this.runId = runId;
    this.victimClient = victimClient;
    this.http = http;
    this.state = state;
    this.rootUri = rootUri;
  }

  static synchronized PartnerWorld get(ApplicationContext context) {
    if (world == null) {
      world = build(context);
    }
    return world;
  }

  Partner other(Partner partner) {
    return partner == a ? b : a;
  }

  private static PartnerWorld build(ApplicationContext context) {
    TestRestTemplate rest = context.getBean(TestRestTemplate.class);
    ApiCallers callers = context.getBean(ApiCallers.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    String suffix = UUID.randomUUID().toString().replace("-", "");
    // The longest partner id and client id the API accepts, as its description says.
    JsonNode schemas = rest.getForObject("/api/openapi", JsonNode.class).path("components").path("schemas");
    String partnerA = ("pa" + suffix + "-" + "a".repeat(100)).substring(0,
        longest(schemas.path("NewApiClient").path("properties").path("partnerId").path("pattern").asText(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}")));
    String clientA = ("sa" + suffix + "." + "s".repeat(100)).substring(0,
        longest(schemas.path("NewApiClient").path("properties").path("clientId").path("pattern").asText()));
    String partnerB = "pb-" + suffix.substring(0, 8);
    String clientB = "system-of-" + partnerB;
    String victim = "victim-" + suffix.substring(0, 8);

    HostileHttp http = new HostileHttp(rest.getRootUri());
    http.signIn(Role.WRONG_PASSWORD, HostileHttp.basic("backoffice", "not-the-password"));
    http.signIn(Role.NUL_IN_USER_NAME, HostileHttp.basic("backoffice\u0000", "backoffice"));
    // alg "none", claims the administrator's role: must never be accepted.
    http.signIn(Role.FORGED_TOKEN, "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"portal\",\"cspflow_role\":"
        + "\"ADMIN\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8)) + ".");
    http.signIn(Role.PORTAL, "Bearer " + callers.token(ApiCallers.PORTAL));
    http.signIn(Role.BACKOFFICE, HostileHttp.basic("backoffice", "backoffice"));
    http.signIn(Role.OPERATOR, HostileHttp.basic("owner", "owner"));
    http.signIn(Role.ADMIN, HostileHttp.basic("admin", "admin"));
    http.signIn(Role.PARTNER_A, "Bearer " + register(callers, clientA, "PARTNER", partnerA));
    http.signIn(Role.PARTNER_B, "Bearer " + register(callers, clientB, "PARTNER", partnerB));
    register(callers, victim, "MARKETPLACE", null);

    Partner a = partner(context, callers, partnerA, clientA, "Alpha");
    Partner b = partner(context, callers, partnerB, clientB, "Bravo");
    String runId = billedRun(jdbc, a, b);

    List<String> organizations = List.of(a.organizationId(), a.bareOrganizationId(), b.organizationId(),
        b.bareOrganizationId());
    String in = "(?, ?, ?, ?)";
    Object[] ids = organizations.toArray();
    StoredState state = new StoredState(jdbc)
        .watch("partner rows", "SELECT * FROM partner WHERE id IN (?, ?) ORDER BY id", partnerA, partnerB)
        .watch("organization rows", "SELECT * FROM organization WHERE id IN " + in + " ORDER BY id", ids)
        .watch("m365_service rows", "SELECT * FROM m365_service WHERE organization_id IN " + in
            + " ORDER BY organization_id", ids)
        .watch("subscription rows", "SELECT * FROM subscription WHERE organization_id IN " + in + " ORDER BY id", ids)
        .watch("subscription_order rows", "SELECT * FROM subscription_order WHERE organization_id IN " + in
            + " ORDER BY id", ids)
        .watch("quantity_change rows", "SELECT * FROM quantity_change WHERE organization_id IN " + in
            + " ORDER BY id", ids)
        .watch("subscription_cancellation rows", "SELECT * FROM subscription_cancellation WHERE organization_id IN "
            + in + " ORDER BY id", ids)
        .watch("admin_credentials_issue rows", "SELECT * FROM admin_credentials_issue WHERE organization_id IN " + in
            + " ORDER BY organization_id", ids)
        .watch("api_client rows", "SELECT client_id, enabled, role, partner_id FROM api_client ORDER BY client_id")
        .watch("billing rows", "SELECT * FROM billing_line WHERE run_id = ? ORDER BY subscription_id", runId);
    return new PartnerWorld(a, b, runId, victim, http, state, rest.getRootUri());
  }

  /** The length of the longest value of a pattern shaped {@code [first][rest]{m,n}}, anchored as published or not. */
  static int longest(String pattern) {
    Matcher quantifier = Pattern.compile("\\{\\d+,(\\d+)}\\)?\\$?$").matcher(pattern);
    if (!quantifier.find()) {
      throw new IllegalStateException("Cannot tell the longest value of " + pattern);
    }
    return 1 + Integer.parseInt(quantifier.group(1));
  }

  /** Registers an API client as an administrator does, over the API; returns a token of its own. */
  private static String register(ApiCallers callers, String clientId, String role, String partnerId) {
    Map<String, Object> client = new HashMap<>(Map.of("clientId", clientId, "name", "Boundary " + clientId,
        "role", role));
    if (partnerId != null) {
      client.put("partnerId", partnerId);
    }
    ResponseEntity<JsonNode> registered = callers.admin().postForEntity("/api/admin/clients",
        ApiCallers.json(client), JsonNode.class);
    if (registered.getStatusCode().value() != 201) {
      throw new IllegalStateException("Client " + clientId + " not registered: " + registered);
    }
    ResponseEntity<JsonNode> token = callers.tokenRequest(clientId,
        registered.getBody().path("clientSecret").asText());
    return token.getBody().path("access_token").asText();
  }

  private static Partner partner(ApplicationContext context, ApiCallers callers, String partnerId, String clientId,
      String stem) {
    PartnerRepository partners = context.getBean(PartnerRepository.class);
    Fixtures fixtures = context.getBean(Fixtures.class);
    SubscriptionRepository subscriptions = context.getBean(SubscriptionRepository.class);
    partners.savePending(partnerId, "1234567", "Petra " + stem, "petra@" + stem.toLowerCase() + ".example",
        Instant.now());
    partners.activate(partnerId, stem + " Partner", Instant.now());

    String organizationName = stem + " Customer " + UUID.randomUUID().toString().substring(0, 6);
    String tenantId = new SandboxAdmin().existingCustomer(Fixtures.uniqueDomainPrefix(stem.toLowerCase()),
        organizationName, List.of(SandboxAdmin.subscription(BUSINESS_BASIC, 10),
            SandboxAdmin.subscription(BUSINESS_BASIC, 4), SandboxAdmin.subscription(BUSINESS_BASIC, 6)));
    Fixtures.Customer customer = fixtures.migratedCustomer(partnerId, organizationName, tenantId);
    String organizationId = customer.organizationId();
    context.getBean(ServiceRepository.class).recordAgreement(organizationId, "Anna " + stem,
        "anna@" + stem.toLowerCase() + ".example", Instant.now());
    // One change of a subscription runs at a time: the seat change, the cancellation and the renewal change each
    // have a subscription of their own, the first being the one the suite names
    List<String> subscriptionIds = subscriptions.ofOrganizations(List.of(organizationId)).get(organizationId)
        .stream().map(Subscription::id).sorted().toList();
    String subscriptionId = subscriptionIds.get(0);
    String bare = fixtures.onboardedOrganization(partnerId, stem + " Prospect");

    TestRestTemplate portal = callers.portal();
    String base = "/api/partners/" + partnerId;
    ResponseEntity<JsonNode> order = portal.postForEntity(base + "/orders", ApiCallers.json(Map.of(
        "organizationId", organizationId, "category", "Corporate", "productGroup", "Microsoft 365",
        "catalogItemId", BUSINESS_BASIC, "quantity", 3, "termDuration", "P1Y")), JsonNode.class);
    require(order, 201, "order");
    ResponseEntity<JsonNode> change = portal.postForEntity(base + "/subscriptions/" + subscriptionId
        + "/quantity-changes", ApiCallers.json(Map.of("quantity", 11)), JsonNode.class);
    require(change, 202, "quantity change");
    ResponseEntity<JsonNode> cancellation = portal.postForEntity(base + "/subscriptions/" + subscriptionIds.get(1)
        + "/cancellation", null, JsonNode.class);
    require(cancellation, 202, "cancellation");
    ResponseEntity<JsonNode> renewalChange = portal.postForEntity(base + "/subscriptions/" + subscriptionIds.get(2)
        + "/renewal-changes", ApiCallers.json(Map.of("autoRenew", false)), JsonNode.class);
    require(renewalChange, 202, "renewal change");
    return new Partner(partnerId, clientId, organizationId, organizationName, tenantId,
        "admin@" + tenantId + ".example", bare, subscriptionId, order.getBody().path("id").asText(),
        change.getBody().path("id").asText(), cancellation.getBody().path("id").asText(),
        renewalChange.getBody().path("id").asText());
  }

  /** A completed monthly run of {@link #BILLED_PERIOD} with a billing line, drift and a failure per partner. */
  private static String billedRun(JdbcTemplate jdbc, Partner... partners) {
    String runId = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("""
        INSERT INTO billing_run (id, period, active_period, status, trigger_source, requested_by, process_instance_id,
          csp_requests_per_second, chunk_count, customers, subscriptions, billing_lines, drift_count, failed_customers,
          totals, started_at, finished_at)
        VALUES (?, ?, NULL, 'COMPLETED', 'REQUEST', 'boundary', NULL, 0, 1, ?, ?, ?, ?, 0, 'SEK 100.00', ?, ?)""",
        runId, BILLED_PERIOD, partners.length, partners.length, partners.length, partners.length, now, now);
    List<Object[]> lines = new ArrayList<>();
    for (Partner partner : partners) {
      jdbc.update("INSERT INTO billing_run_customer (run_id, organization_id, chunk_no, outcome, subscriptions) "
          + "VALUES (?, ?, 0, 'UPDATED', 1)", runId, partner.organizationId());
      jdbc.update("INSERT INTO quantity_drift (run_id, organization_id, subscription_id, kind, our_quantity, "
          + "csp_quantity) VALUES (?, ?, ?, 'QUANTITY', 10, 11)", runId, partner.organizationId(),
          partner.subscriptionId());
      lines.add(new Object[] {runId, BILLED_PERIOD, partner.id(), partner.organizationId(), partner.subscriptionId(),
          BUSINESS_BASIC, "Microsoft 365 Business Basic", 10, 5.0, 50.0, "SEK", "P1Y", "monthly"});
    }
    jdbc.batchUpdate("INSERT INTO billing_line (run_id, period, partner_id, organization_id, subscription_id, "
        + "catalog_item_id, product, quantity, unit_price, amount, currency, term_duration, billing_cycle) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines);
    reconciled(jdbc, partners);
    return runId;
  }

  /**
   * {@link #BILLED_PERIOD} reconciled: per partner a purchase charged by us and by Microsoft, matched, so that the
   * reconciliation, margin and charge reports have something to show.
   */
  private static void reconciled(JdbcTemplate jdbc, Partner... partners) {
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp start = Timestamp.from(Instant.parse(BILLED_PERIOD + "-10T12:00:00Z"));
    Timestamp end = Timestamp.from(Instant.parse(BILLED_PERIOD + "-10T12:00:00Z").atZone(java.time.ZoneOffset.UTC)
        .plusMonths(1).toInstant());
    String exportId = UUID.randomUUID().toString();
    String reconciliationId = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO billing_export (id, period, billing_period, operation_id, status, file_count, "
        + "requested_at, finished_at) VALUES (?, ?, 'last', 'boundary', 'DOWNLOADED', 1, ?, ?)", exportId,
        BILLED_PERIOD, now, now);
    jdbc.update("INSERT INTO billing_export_file (export_id, file_no, lines, downloaded_at) VALUES (?, 0, ?, ?)",
        exportId, partners.length, now);
    jdbc.update("INSERT INTO reconciliation (id, period, export_id, currency, matched, amount_differences, "
        + "quantity_differences, not_billed_by_us, not_charged_by_microsoft, microsoft_total, our_total, leakage, "
        + "created_at) VALUES (?, ?, ?, 'SEK', ?, 0, 0, 0, 0, ?, ?, 0, ?)", reconciliationId, BILLED_PERIOD, exportId,
        partners.length, 50.0 * partners.length, 50.0 * partners.length, now);
    for (int i = 0; i < partners.length; i++) {
      Partner partner = partners[i];
      jdbc.update("INSERT INTO charge_line (id, subscription_id, organization_id, partner_id, catalog_item_id, "
          + "product, charge_type, cause, term_duration, billing_cycle, starts_at, ends_at, days, cycle_days, quantity, "
          + "cost_unit_price, cost, sale_unit_price, sale, currency, created_at) VALUES (?, ?, ?, ?, ?, "
          + "'Microsoft 365 Business Basic', 'NEW', 'order:boundary', 'P1Y', 'monthly', ?, ?, 31, 31, 10, 5.0, 50.0, "
          + "5.5, 55.0, 'SEK', ?)", UUID.randomUUID().toString(), partner.subscriptionId(), partner.organizationId(),
          partner.id(), BUSINESS_BASIC, start, end, now);
      jdbc.update("INSERT INTO microsoft_charge (export_id, file_no, line_no, tenant_id, subscription_id, "
          + "catalog_item_id, product, charge_type, charge_start, charge_end, quantity, unit_price, subtotal, currency, "
          + "invoice_number) VALUES (?, 0, ?, ?, ?, ?, 'Microsoft 365 Business Basic', 'new', ?, ?, 10, 5.0, 50.0, "
          + "'SEK', '')", exportId, i, partner.tenantId(), partner.subscriptionId(), BUSINESS_BASIC,
          java.sql.Date.valueOf(BILLED_PERIOD + "-10"), java.sql.Date.valueOf(
              java.time.LocalDate.parse(BILLED_PERIOD + "-10").plusMonths(1).minusDays(1)));
      jdbc.update("INSERT INTO reconciliation_item (reconciliation_id, item_no, partner_id, organization_id, "
          + "subscription_id, product, charge_type, charge_start, charge_end, outcome, microsoft_quantity, our_quantity, "
          + "microsoft_amount, our_amount, difference) VALUES (?, ?, ?, ?, ?, 'Microsoft 365 Business Basic', 'new', ?, "
          + "?, 'MATCHED', 10, 10, 50.0, 50.0, 0)", reconciliationId, i, partner.id(), partner.organizationId(),
          partner.subscriptionId(), java.sql.Date.valueOf(BILLED_PERIOD + "-10"), java.sql.Date.valueOf(
              java.time.LocalDate.parse(BILLED_PERIOD + "-10").plusMonths(1).minusDays(1)));
    }
  }

  private static void require(ResponseEntity<JsonNode> answer, int status, String what) {
    if (answer.getStatusCode().value() != status) {
      throw new IllegalStateException("Fixture " + what + " not created: " + answer.getStatusCode() + " "
          + answer.getBody());
    }
  }
}
