package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.GRAPH;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Microsoft Graph's unbilled reconciliation export: what the sandbox saw happen (a purchase on four plans, a seat
 * increase ten days later, a removal within its window, a cancellation within 7 days, a renewal with a scheduled
 * change, a monthly cycle of an annual term, an annual plan paid upfront) comes back as Microsoft's charges, prorated
 * by the day; the export's shape; a download that breaks off; a tampered file.
 */
@SandboxSpringTest
class SandboxBillingExportTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";
  static final String BUSINESS_PREMIUM = "CFQ7TTC0LCHC:0001:CFQ7TTC0ECB9";
  static final String EXCHANGE_PLAN_1 = "CFQ7TTC0LH16:0001:CFQ7TTC09F3D";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  SandboxClient sandbox;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
  }

  @Test
  void aMonthOfChangesIsChargedAsMicrosoftChargesIt() {
    String tenant = customer();
    String app = sandbox.appOnly(PARTNER_CENTER);
    order(app, tenant, List.of(line(0, BUSINESS_BASIC, 10, "P1Y", "monthly"),
        line(1, BUSINESS_STANDARD, 5, "P1Y", "annual"), line(2, BUSINESS_PREMIUM, 3, "P1M", "monthly"),
        line(3, EXCHANGE_PLAN_1, 2, "P1M", "monthly")));
    travel(tenant, 1);
    Map<String, String> ids = subscriptionsByItem(app, tenant);

    patch(app, tenant, ids.get(EXCHANGE_PLAN_1), Map.of("status", "deleted"));
    travel(tenant, 240);
    patch(app, tenant, ids.get(BUSINESS_BASIC), Map.of("quantity", 12));
    patch(app, tenant, ids.get(BUSINESS_BASIC), Map.of("quantity", 11));
    patch(app, tenant, ids.get(BUSINESS_PREMIUM), Map.of("scheduledNextTermInstructions", Map.of("product",
        Map.of("productId", "CFQ7TTC0LCHC", "skuId", "0001", "availabilityId", "CFQ7TTC0ECB9", "billingCycle",
            "monthly", "termDuration", "P1M"), "quantity", 4)));
    travel(tenant, 25 * 24);

    List<JsonNode> lines = new ArrayList<>(export("current", tenant));
    lines.addAll(export("last", tenant));
    lines.addAll(exportOfTheMonthBefore(tenant));

    JsonNode basicNew = single(lines, ids.get(BUSINESS_BASIC), "new");
    assertThat(basicNew.path("Quantity").asInt()).isEqualTo(10);
    assertThat(money(basicNew, "UnitPrice")).as("an annual term billed monthly: 5 %% more").isEqualByComparingTo("5.88");
    assertThat(money(basicNew, "Subtotal")).isEqualByComparingTo("58.80");
    assertThat(basicNew.path("BillingFrequency").asText()).isEqualTo("Monthly");
    int cycleDays = days(basicNew);

    JsonNode added = single(lines, ids.get(BUSINESS_BASIC), "addQuantity");
    assertThat(added.path("Quantity").asInt()).isEqualTo(2);
    assertThat(added.path("ChargeEndDate").asText()).as("to the end of the cycle")
        .isEqualTo(basicNew.path("ChargeEndDate").asText());
    // 241 hours after the purchase: ten days later by the calendar, eleven when the purchase's hour was before 1 am
    int elapsed = (int) ChronoUnit.DAYS.between(startDate(basicNew), startDate(added));
    assertThat(elapsed).as("the change's day, counted from the purchase's").isBetween(10, 11);
    assertThat(days(added)).as("from the day of the change").isEqualTo(cycleDays - elapsed);
    assertThat(money(added, "Subtotal")).isEqualByComparingTo(prorated("5.88", 2, cycleDays - elapsed, cycleDays));
    JsonNode removed = single(lines, ids.get(BUSINESS_BASIC), "removeQuantity");
    assertThat(removed.path("Quantity").asInt()).isEqualTo(-1);
    assertThat(money(removed, "Subtotal"))
        .isEqualByComparingTo(prorated("5.88", -1, cycleDays - elapsed, cycleDays));
    assertThat(money(removed, "EffectiveUnitPrice")).isEqualByComparingTo(new BigDecimal("5.88")
        .multiply(BigDecimal.valueOf(cycleDays - elapsed)).divide(BigDecimal.valueOf(cycleDays), 6, RoundingMode.HALF_UP));
    JsonNode cycle = single(lines, ids.get(BUSINESS_BASIC), "cycleCharge");
    assertThat(cycle.path("Quantity").asInt()).as("the seats of the day the cycle starts").isEqualTo(11);
    assertThat(money(cycle, "Subtotal")).isEqualByComparingTo("64.68");
    assertThat(LocalDate.parse(cycle.path("ChargeStartDate").asText().substring(0, 10)))
        .isEqualTo(LocalDate.parse(basicNew.path("ChargeEndDate").asText().substring(0, 10)).plusDays(1));

    JsonNode annual = single(lines, ids.get(BUSINESS_STANDARD), "new");
    assertThat(money(annual, "UnitPrice")).as("one seat for a year, paid upfront").isEqualByComparingTo("140.40");
    assertThat(money(annual, "Subtotal")).isEqualByComparingTo("702.00");
    assertThat(annual.path("TermAndBillingCycle").asText()).isEqualTo("1 Year Subscription - Annual Billing");
    assertThat(lines).filteredOn(l -> l.path("SubscriptionId").asText().equals(ids.get(BUSINESS_STANDARD)))
        .as("nothing more within the year").hasSize(1);

    assertThat(money(single(lines, ids.get(BUSINESS_PREMIUM), "new"), "Subtotal")).as("a monthly term: 20 %% more")
        .isEqualByComparingTo("74.16");
    JsonNode renewal = single(lines, ids.get(BUSINESS_PREMIUM), "renew");
    assertThat(renewal.path("Quantity").asInt()).as("the change scheduled for the new term").isEqualTo(4);
    assertThat(money(renewal, "Subtotal")).isEqualByComparingTo("98.88");

    JsonNode exchangeNew = single(lines, ids.get(EXCHANGE_PLAN_1), "new");
    JsonNode cancelled = single(lines, ids.get(EXCHANGE_PLAN_1), "cancelImmediate");
    assertThat(cancelled.path("Quantity").asInt()).isEqualTo(-2);
    assertThat(money(cancelled, "Subtotal")).as("the days left of the cycle, credited")
        .isEqualByComparingTo(prorated("4.44", -2, days(cancelled), days(exchangeNew)));
    assertThat(days(cancelled)).isBetween(days(exchangeNew) - 1, days(exchangeNew));
    assertThat(lines).filteredOn(l -> l.path("SubscriptionId").asText().equals(ids.get(EXCHANGE_PLAN_1)))
        .as("no renewal after the cancellation").hasSize(2);

    assertThat(lines).hasSize(9).allSatisfy(line -> {
      assertThat(line.path("CustomerId").asText()).isEqualTo(tenant);
      assertThat(line.path("Currency").asText()).isEqualTo("EUR");
      assertThat(line.path("OrderId").asText()).isNotBlank();
      assertThat(line.has("_days")).as("working fields are not written").isFalse();
    });
  }

  @Test
  void aTermThatEndedSinceTheLastCallIsRenewedWhenItsCustomersSubscriptionsAreListed() {
    String tenant = customer();
    String app = sandbox.appOnly(PARTNER_CENTER);
    order(app, tenant, List.of(line(0, BUSINESS_PREMIUM, 3, "P1M", "monthly")));
    travel(tenant, 1); // provisioned
    JsonNode firstTerm = onlySubscription(app, tenant);
    // Its month went by while nobody called (time travel renews at once, so the clock is moved by hand):
    java.time.Instant ended = java.time.Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    jdbc.update("UPDATE sandbox_subscription SET term_end = ?, next_cycle_at = ? WHERE id = ?", ended.toEpochMilli(),
        ended.toEpochMilli(), firstTerm.path("id").asText());

    JsonNode listed = onlySubscription(app, tenant);

    assertThat(listed.path("status").asText()).isEqualTo("active");
    assertThat(java.time.Instant.parse(listed.path("commitmentEndDate").asText()))
        .as("renewed for a month from the end of the first term")
        .isEqualTo(ended.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
    assertThat(onlySubscription(app, tenant).path("commitmentEndDate").asText()).as("renewed once")
        .isEqualTo(listed.path("commitmentEndDate").asText());
  }

  private JsonNode onlySubscription(String app, String tenant) {
    JsonNode items = sandbox.partnerCenter(app, HttpMethod.GET, "/customers/" + tenant + "/subscriptions", null)
        .getBody().path("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  void aDownloadThatBreaksOffFailsAndTheNextOneIsWholeATamperedFileIsWhatItSays() throws Exception {
    String tenant = customer();
    String app = sandbox.appOnly(PARTNER_CENTER);
    order(app, tenant, List.of(line(0, BUSINESS_BASIC, 4, "P1M", "monthly"),
        line(1, BUSINESS_PREMIUM, 2, "P1M", "monthly")));
    travel(tenant, 1);
    subscriptionsByItem(app, tenant);

    assertThat(sandbox.admin(HttpMethod.PUT, "/billing-exports/next", Map.of("failingDownloads", 1,
        "linesPerBlob", 1)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode manifest = manifest("current");
    assertThat(manifest.path("blobCount").asInt()).as("one line a blob").isEqualTo(manifest.path("blobs").size())
        .isGreaterThanOrEqualTo(2);
    String first = blobUri(manifest, 0);
    long before = System.nanoTime();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(first)).build(),
        HttpResponse.BodyHandlers.ofByteArray())).as("half a file, then the connection drops")
        .isInstanceOf(IOException.class);
    assertThat(System.nanoTime() - before).as("at once, not at a timeout").isLessThan(10_000_000_000L);
    assertThat(lines(download(first))).as("the next download is whole").hasSize(1);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(first.replaceAll("sig=\\w+", "sig=forged"))).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);

    List<JsonNode> honest = linesOf(manifest("current"), tenant);
    sandbox.admin(HttpMethod.PUT, "/billing-exports/next", Map.of("failingDownloads", 0, "tamper", "drop-line"));
    List<JsonNode> dropped = linesOf(manifest("current"), null);
    sandbox.admin(HttpMethod.PUT, "/billing-exports/next", Map.of("failingDownloads", 0, "tamper", "change-price"));
    List<JsonNode> raised = linesOf(manifest("current"), null);
    assertThat(honest).hasSize(2);
    assertThat(dropped.size()).as("a line missing").isEqualTo(linesOf(manifest("current"), null).size() - 1);
    assertThat(money(raised.get(0), "UnitPrice")).as("the first line's price raised by 1.00")
        .isEqualByComparingTo(money(linesOf(manifest("current"), null).get(0), "UnitPrice").add(BigDecimal.ONE));
  }

  @Test
  void theExportTakesAGraphTokenAndAKnownPeriod() {
    assertThat(sandbox.graph(sandbox.appOnly(PARTNER_CENTER), HttpMethod.POST,
        "/reports/partners/billing/reconciliation/unbilled/export", Map.of("currencyCode", "EUR", "billingPeriod",
            "current")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<JsonNode> unknown = sandbox.graph(sandbox.appOnly(GRAPH), HttpMethod.POST,
        "/reports/partners/billing/reconciliation/unbilled/export", Map.of("currencyCode", "EUR", "billingPeriod",
            "2026-11"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody().path("error").path("message").asText()).contains("billingPeriod");
  }

  private String customer() {
    String prefix = "bill" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    ResponseEntity<JsonNode> seeded = sandbox.admin(HttpMethod.POST, "/tenants", Map.of("domain", prefix,
        "companyName", "Billing AB", "relationshipToPartner", "reseller", "agreementConfirmed", true));
    assertThat(seeded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return seeded.getBody().path("tenantId").asText();
  }

  private static Map<String, Object> line(int id, String item, int quantity, String term, String billingCycle) {
    return Map.of("id", id, "catalogItemId", item, "quantity", quantity, "termDuration", term, "billingCycle",
        billingCycle);
  }

  private void order(String app, String tenant, List<Map<String, Object>> lines) {
    ResponseEntity<JsonNode> cart = sandbox.partnerCenter(app, HttpMethod.POST, "/customers/" + tenant + "/carts",
        Map.of("lineItems", lines));
    assertThat(cart.getStatusCode()).as("%s", cart.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(sandbox.partnerCenter(app, HttpMethod.POST, "/customers/" + tenant + "/carts/"
        + cart.getBody().path("id").asText() + "/checkout", null).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private void travel(String tenant, int hours) {
    assertThat(sandbox.admin(HttpMethod.POST, "/customers/" + tenant + "/time-travel", Map.of("hours", hours))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private Map<String, String> subscriptionsByItem(String app, String tenant) {
    Map<String, String> ids = new java.util.HashMap<>();
    sandbox.partnerCenter(app, HttpMethod.GET, "/customers/" + tenant + "/subscriptions", null).getBody()
        .path("items").forEach(s -> ids.put(s.path("offerId").asText(), s.path("id").asText()));
    return ids;
  }

  private void patch(String app, String tenant, String subscription, Map<String, Object> change) {
    String path = "/customers/" + tenant + "/subscriptions/" + subscription;
    String etag = sandbox.partnerCenter(app, HttpMethod.GET, path, null).getBody().path("attributes").path("etag")
        .asText();
    Map<String, Object> body = new java.util.HashMap<>(change);
    body.put("attributes", Map.of("etag", etag));
    ResponseEntity<JsonNode> changed = sandbox.partnerCenter(app, HttpMethod.PATCH, path, body);
    assertThat(changed.getStatusCode()).as("%s", changed.getBody()).isEqualTo(HttpStatus.OK);
  }

  /** The month before last is invoiced: its lines are the invoice's billed export. */
  private List<JsonNode> exportOfTheMonthBefore(String tenant) {
    String invoice = String.format("G%1$tY%1$tm", java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2));
    JsonNode invoices = sandbox.partnerCenter(sandbox.appOnly(PARTNER_CENTER), HttpMethod.GET, "/invoices", null)
        .getBody();
    boolean listed = false;
    for (JsonNode item : invoices.path("items")) {
      listed |= item.path("id").asText().equals(invoice);
    }
    if (!listed) {
      return List.of();
    }
    ResponseEntity<JsonNode> accepted = sandbox.graph(sandbox.appOnly(GRAPH), HttpMethod.POST,
        "/reports/partners/billing/reconciliation/billed/export", Map.of("invoiceId", invoice, "attributeSet",
            "full"));
    List<JsonNode> lines = linesOf(poll(accepted), tenant);
    lines.forEach(line -> assertThat(line.path("InvoiceNumber").asText()).isEqualTo(invoice));
    return lines;
  }

  private List<JsonNode> export(String period, String tenant) {
    return linesOf(manifest(period), tenant);
  }

  private JsonNode manifest(String period) {
    String graph = sandbox.appOnly(GRAPH);
    ResponseEntity<JsonNode> accepted = sandbox.graph(graph, HttpMethod.POST,
        "/reports/partners/billing/reconciliation/unbilled/export", Map.of("currencyCode", "EUR", "billingPeriod",
            period, "attributeSet", "full"));
    return poll(accepted);
  }

  private JsonNode poll(ResponseEntity<JsonNode> accepted) {
    String graph = sandbox.appOnly(GRAPH);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String operation = accepted.getHeaders().getLocation().getPath().replaceFirst(".*/graph/v1.0", "");
    for (int poll = 0; poll < 50; poll++) {
      JsonNode status = sandbox.graph(graph, HttpMethod.GET, operation, null).getBody();
      if ("succeeded".equals(status.path("status").asText())) {
        JsonNode manifest = status.path("resourceLocation");
        assertThat(manifest.path("dataFormat").asText()).isEqualTo("compressedJSONLines");
        return manifest;
      }
      assertThat(status.path("status").asText()).isEqualTo("running");
      sleep();
    }
    throw new AssertionError("the export did not succeed");
  }

  private List<JsonNode> linesOf(JsonNode manifest, String tenant) {
    List<JsonNode> lines = new ArrayList<>();
    for (int blob = 0; blob < manifest.path("blobCount").asInt(); blob++) {
      lines(download(blobUri(manifest, blob))).stream()
          .filter(line -> tenant == null || line.path("CustomerId").asText().equals(tenant)).forEach(lines::add);
    }
    return lines;
  }

  private static String blobUri(JsonNode manifest, int blob) {
    return manifest.path("rootDirectory").asText() + "/" + manifest.path("blobs").get(blob).path("name").asText()
        + "?" + manifest.path("sasToken").asText();
  }

  private byte[] download(String uri) {
    try {
      HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(answer.statusCode()).isEqualTo(200);
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<JsonNode> lines(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(json.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode single(List<JsonNode> lines, String subscription, String chargeType) {
    List<JsonNode> found = lines.stream().filter(l -> l.path("SubscriptionId").asText().equals(subscription))
        .filter(l -> l.path("ChargeType").asText().equals(chargeType)).toList();
    assertThat(found).as("%s of %s in %s", chargeType, subscription, lines).hasSize(1);
    return found.get(0);
  }

  private static BigDecimal money(JsonNode line, String field) {
    return line.path(field).decimalValue();
  }

  private static int days(JsonNode line) {
    return (int) ChronoUnit.DAYS.between(LocalDate.parse(line.path("ChargeStartDate").asText().substring(0, 10)),
        LocalDate.parse(line.path("ChargeEndDate").asText().substring(0, 10))) + 1;
  }

  private static LocalDate startDate(JsonNode line) {
    return LocalDate.parse(line.path("ChargeStartDate").asText().substring(0, 10));
  }

  private static BigDecimal prorated(String unitPrice, int quantity, int days, int cycleDays) {
    return new BigDecimal(unitPrice).multiply(BigDecimal.valueOf((long) quantity * days))
        .divide(BigDecimal.valueOf(cycleDays), 2, RoundingMode.HALF_UP);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
