package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxClient.PARTNER_API;
import static com.cspflow.sandbox.SandboxClient.PARTNER_CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The catalog and the price sheet in Partner Center's shapes, with Microsoft's billing-plan prices. */
@SandboxSpringTest
class SandboxCatalogTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  /** Offers no other test of the sandbox uses, so that changing them disturbs none. */
  static final String EDUCATION_A5 = "CFQ7TTC0EM5F:0002:CFQ7TTC0EM5A";
  static final String NONPROFIT_TEAMS = "CFQ7TTC0MBMD:0003:CFQ7TTC0N8Z3";

  @LocalServerPort int port;
  SandboxClient sandbox;
  String appOnly;

  @BeforeEach
  void client() {
    sandbox = new SandboxClient(port);
    appOnly = sandbox.appOnly(PARTNER_CENTER);
  }

  @Test
  void eachSegmentListsTodaysLineUpWithoutTheSuitesThatIncludeTeams() {
    List<String> corporate = titles("commercial");

    assertThat(corporate).contains("Microsoft 365 Business Basic", "Microsoft 365 Business Premium",
        "Microsoft 365 E3 (no Teams)", "Microsoft 365 E5 (no Teams)", "Office 365 E3 (no Teams)",
        "Microsoft Teams Enterprise", "Exchange Online (Plan 1)", "Exchange Online (Plan 2)");
    assertThat(corporate).doesNotContain("Microsoft 365 E3", "Office 365 E3", "Microsoft Teams Essentials");
    assertThat(titles("education")).contains("Microsoft 365 A3 (no Teams)", "Office 365 A1 Plus");
    assertThat(titles("nonprofit")).contains("Microsoft 365 Business Basic", "Microsoft 365 Business Premium");
  }

  @Test
  void aProductsSkusAndAvailabilitiesNameTheCatalogItemAndItsTermsWithTheirBillingPlans() {
    JsonNode sku = get("/products/CFQ7TTC0LH18/skus?country=SE&targetSegment=commercial").path("items").get(0);
    assertThat(sku.path("id").asText()).isEqualTo("0001");
    assertThat(sku.path("maximumQuantity").asInt()).isEqualTo(300);

    JsonNode availability = get("/products/CFQ7TTC0LH18/skus/0001/availabilities?country=SE").path("items").get(0);

    assertThat(availability.path("catalogItemId").asText()).isEqualTo(BUSINESS_BASIC);
    assertThat(availability.path("defaultCurrency").path("code").asText()).isEqualTo("EUR");
    assertThat(availability.path("segment").asText()).isEqualTo("commercial");
    assertThat(availability.path("isPurchasable").asBoolean()).isTrue();
    assertThat(StreamSupport.stream(availability.path("terms").spliterator(), false)
        .map(term -> term.path("duration").asText() + "/" + term.path("billingCycle").asText()))
        .containsExactlyInAnyOrder("P1Y/annual", "P1Y/monthly", "P1M/monthly");
  }

  @Test
  void thePriceSheetNeedsAPartnerUserWithATokenForThePartnerApi() {
    assertThat(sandbox.priceSheet(sandbox.appOnly(PARTNER_API), "SE", "timeline=current").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(sandbox.priceSheet(sandbox.appAndUser(PARTNER_CENTER), "SE", "timeline=current").getStatusCode())
        .as("a Partner Center token does not open the Partner API").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(sandbox.priceSheet(sandbox.appAndUser(PARTNER_API), "SE", "timeline=current").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void annualBilledMonthlyCostsFivePercentMoreAndAMonthlyTermTwentyPercentMore() {
    List<String> rows = sheet("timeline=current").stream().filter(row -> row.contains(",CFQ7TTC0LH18,0001,"))
        .toList();

    assertThat(rows).anyMatch(row -> row.contains(",P1Y,Annual,SE,EUR,67.20,"))
        .anyMatch(row -> row.contains(",P1Y,Monthly,SE,EUR,5.88,"))
        .anyMatch(row -> row.contains(",P1M,Monthly,SE,EUR,6.72,"))
        .hasSize(3);
  }

  @Test
  void theSheetAskedForCompressedIsAZipFileHoldingTheSameCsv() throws Exception {
    ResponseEntity<byte[]> zipped = sandbox.priceSheetZipped(sandbox.appAndUser(PARTNER_API), "SE", "timeline=current");

    assertThat(zipped.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(zipped.getHeaders().getContentType().toString()).isEqualTo("application/zip");
    try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipped.getBody()))) {
      var entry = entries.getNextEntry();
      assertThat(entry.getName()).matches("pricesheet_SE_\\d{6}\\.csv");
      String csv = new String(entries.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(csv).isEqualTo(sandbox.priceSheet(sandbox.appAndUser(PARTNER_API), "SE", "timeline=current")
          .getBody());
      assertThat(entries.getNextEntry()).as("one file").isNull();
    }
  }

  @Test
  void aPriceChangeFromNextMonthIsInNextMonthsSheetAndEndsThisMonthsPrice() {
    YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
    ResponseEntity<JsonNode> announced = sandbox.admin(HttpMethod.POST, "/catalog/" + NONPROFIT_TEAMS
        + "/price-changes", Map.of("annualUnitPrice", "4.00", "effectiveFrom", next.atDay(1).toString()));
    assertThat(announced.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    assertThat(sheet("timeline=current")).filteredOn(row -> row.contains(",CFQ7TTC0MBMD,0003,") && row.contains(",P1Y,Annual,"))
        .singleElement().satisfies(row -> assertThat(row).contains(",45.96,", next.atDay(1).minusDays(1) + "T"));
    assertThat(sheet("timeline=history&month=" + next.format(DateTimeFormatter.ofPattern("yyyyMM"))))
        .filteredOn(row -> row.contains(",CFQ7TTC0MBMD,0003,") && row.contains(",P1Y,Annual,"))
        .singleElement().satisfies(row -> assertThat(row).contains(",48.00,", "," + next.atDay(1) + "T00:00:00Z,"));
    assertThat(sandbox.priceSheet(sandbox.appAndUser(PARTNER_API), "SE", "timeline=history&month="
        + next.plusMonths(1).format(DateTimeFormatter.ofPattern("yyyyMM"))).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aWithdrawnOfferIsNeitherListedNorSoldUntilListedAgain() {
    sandbox.admin(HttpMethod.PUT, "/catalog/" + EDUCATION_A5 + "/withdrawal", null);
    try {
      assertThat(titles("education")).doesNotContain("Microsoft 365 A5 (no Teams)");
      String customer = sandbox.newCustomer().path("id").asText();
      ResponseEntity<JsonNode> cart = sandbox.partnerCenter(appOnly, HttpMethod.POST, "/customers/" + customer
          + "/carts", Map.of("lineItems", List.of(Map.of("id", 0, "catalogItemId", EDUCATION_A5, "quantity", 1,
              "billingCycle", "monthly", "termDuration", "P1M"))));
      assertThat(cart.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(cart.getBody().path("description").asText()).contains("no longer sold");
    } finally {
      sandbox.admin(HttpMethod.DELETE, "/catalog/" + EDUCATION_A5 + "/withdrawal", null);
    }
    assertThat(titles("education")).contains("Microsoft 365 A5 (no Teams)");
  }

  private List<String> titles(String segment) {
    JsonNode products = get("/products?country=SE&targetView=OnlineServicesNCE&targetSegment=" + segment);
    return StreamSupport.stream(products.path("items").spliterator(), false).map(p -> p.path("title").asText())
        .toList();
  }

  private JsonNode get(String path) {
    ResponseEntity<JsonNode> answer = sandbox.partnerCenter(appOnly, HttpMethod.GET, path, null);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private List<String> sheet(String query) {
    ResponseEntity<String> answer = sandbox.priceSheet(sandbox.appAndUser(PARTNER_API), "SE", query);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
    List<String> lines = Arrays.asList(answer.getBody().split("\r\n"));
    assertThat(lines.get(0)).startsWith("ProductTitle,ProductId,SkuId,SkuTitle,");
    return lines.subList(1, lines.size());
  }
}
