package com.cspflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The back office sets a partner's margins over REST; the price list shows Microsoft's price and the partner's. */
@CspflowSpringTest
class PartnerMarginsTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @Autowired ApiCallers callers;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  String partnerId;

  @BeforeEach
  void activePartner() {
    partnerId = fixtures.activePartner();
  }

  @Test
  void withoutMarginsThePartnerPaysMicrosoftsPriceTheMarketplaceDefault() throws Exception {
    JsonNode line = line(priceList(callers.partner(partnerId)), BUSINESS_BASIC, "P1M");

    assertThat(line.get("costPrice").decimalValue()).isPositive()
        .isEqualByComparingTo(line.get("salePrice").decimalValue());
    assertThat(line.get("margin").asText()).isEqualTo("0 %");
    assertThat(line.get("currency").asText()).isEqualTo("EUR");
  }

  @Test
  void theMostSpecificMarginAppliesAndEveryChangeIsRecorded() throws Exception {
    assertThat(put(callers.backoffice(), margin("PARTNER", null, null, "PERCENT", "10", null)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(put(callers.backoffice(), margin("PRODUCT_GROUP", "Microsoft 365", null, "PERCENT", "20", null))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put(callers.admin(), margin("PRODUCT", null, BUSINESS_BASIC, "FIXED", "1.50", "EUR"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put(callers.backoffice(), margin("PARTNER", null, null, "PERCENT", "12.5", null)).getStatusCode())
        .as("replaces the partner's 10 %").isEqualTo(HttpStatus.OK);

    JsonNode list = priceList(callers.partner(partnerId));
    JsonNode basic = line(list, BUSINESS_BASIC, "P1Y");
    assertThat(basic.get("salePrice").decimalValue())
        .isEqualByComparingTo(basic.get("costPrice").decimalValue().add(new BigDecimal("1.50")));
    assertThat(basic.get("margin").asText()).isEqualTo("1.50 EUR");
    JsonNode inGroup = first(list, l -> l.get("productGroup").asText().equals("Microsoft 365")
        && !l.get("catalogItemId").asText().equals(BUSINESS_BASIC));
    assertThat(inGroup.get("salePrice").decimalValue()).isEqualByComparingTo(percentAbove(inGroup, "20"));
    JsonNode elsewhere = first(list, l -> !l.get("productGroup").asText().equals("Microsoft 365"));
    assertThat(elsewhere.get("salePrice").decimalValue()).isEqualByComparingTo(percentAbove(elsewhere, "12.5"));
    assertThat(elsewhere.get("margin").asText()).isEqualTo("12.5 %");

    JsonNode margins = json.readTree(callers.backoffice().getForEntity(path(), String.class).getBody());
    assertThat(margins.get("margins")).hasSize(3);
    JsonNode changes = margins.get("changes");
    assertThat(changes).hasSize(4);
    JsonNode latest = changes.get(0);
    assertThat(latest.get("appliesTo").asText()).isEqualTo("PARTNER");
    assertThat(latest.get("oldValue").decimalValue()).isEqualByComparingTo("10");
    assertThat(latest.get("newValue").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(latest.get("changedBy").asText()).isEqualTo("backoffice");
    assertThat(changes.findValuesAsText("changedBy")).contains("admin");
  }

  @Test
  void onlyTheBackOfficeAndAdministratorsSetMargins() {
    Map<String, Object> tenPercent = margin("PARTNER", null, null, "PERCENT", "10", null);

    assertThat(put(callers.partner(partnerId), tenPercent).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(callers.portal(), tenPercent).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(callers.owner(), tenPercent).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(callers.partner(partnerId).getForEntity(path(), String.class).getStatusCode())
        .as("a partner reads its price list, not the marketplace's margins and who changed them")
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(storedMargins()).isZero();
  }

  @Test
  void aMarginThatNamesNothingInTheCatalogIsA400NamingTheFieldAndStoresNothing() {
    assertRefused(margin("PRODUCT_GROUP", "Teams Phone", null, "PERCENT", "10", null), "productGroup");
    assertRefused(margin("PRODUCT_GROUP", null, null, "PERCENT", "10", null), "productGroup");
    assertRefused(margin("PRODUCT", null, "CFQ7TTC0XXXX:0001:CFQ7TTC0XXXX", "PERCENT", "10", null), "catalogItemId");
    assertRefused(margin("PARTNER", null, BUSINESS_BASIC, "PERCENT", "10", null), "catalogItemId");
    assertRefused(margin("PARTNER", null, null, "FIXED", "2", null), "currency");
    assertRefused(margin("PARTNER", null, null, "FIXED", "2", "USD"), "currency");
    assertRefused(margin("PARTNER", null, null, "PERCENT", "10", "EUR"), "currency");
    assertRefused(margin("PARTNER", null, null, "PERCENT", "12.345", null), "value");
    assertRefused(margin("PARTNER", null, null, "PERCENT", "-5", null), "value");
    assertRefused(margin("PARTNER", null, null, "PERCENT", "1000.01", null), "value");
    assertRefused(margin("EVERYTHING", null, null, "PERCENT", "10", null), "appliesTo");
    assertThat(problemOf(margin("PARTNER", null, null, "PERCENT", "10.123", null), "value"))
        .isEqualTo("must have at most 2 decimals");
    assertThat(problemOf(margin("PARTNER", null, null, "PERCENT", "12345.678", null), "value"))
        .contains("must have at most 4 digits before the decimal point and at most 2 decimals")
        .doesNotContain("numeric value", "<", "expected");
    assertThat(storedMargins()).isZero();

    assertThat(callers.backoffice().exchange("/api/partners/partner-unknown/margins", HttpMethod.PUT,
        ApiCallers.json(margin("PARTNER", null, null, "PERCENT", "10", null)), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void assertRefused(Map<String, Object> body, String field) {
    ResponseEntity<String> answer = put(callers.backoffice(), body);
    assertThat(answer.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).as(body.toString()).contains("\"" + field + "\"");
  }

  /** What the 400 says of the field. */
  private String problemOf(Map<String, Object> body, String field) {
    ResponseEntity<String> answer = put(callers.backoffice(), body);
    assertThat(answer.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
    try {
      return json.readTree(answer.getBody()).path("problems").path(field).asText();
    } catch (java.io.IOException unreadable) {
      throw new AssertionError(answer.getBody(), unreadable);
    }
  }

  private int storedMargins() {
    return jdbc.sql("SELECT COUNT(*) FROM partner_margin WHERE partner_id = :id").param("id", partnerId)
        .query(Integer.class).single()
        + jdbc.sql("SELECT COUNT(*) FROM partner_margin_change WHERE partner_id = :id").param("id", partnerId)
        .query(Integer.class).single();
  }

  private static BigDecimal percentAbove(JsonNode line, String percent) {
    BigDecimal cost = line.get("costPrice").decimalValue();
    return cost.add(cost.multiply(new BigDecimal(percent)).divide(BigDecimal.valueOf(100)))
        .setScale(2, RoundingMode.HALF_UP);
  }

  private ResponseEntity<String> put(TestRestTemplate caller, Map<String, Object> body) {
    return caller.exchange(path(), HttpMethod.PUT, ApiCallers.json(body), String.class);
  }

  private String path() {
    return "/api/partners/" + partnerId + "/margins";
  }

  private JsonNode priceList(TestRestTemplate caller) throws Exception {
    ResponseEntity<String> answer = caller.getForEntity("/api/partners/" + partnerId + "/price-list", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private static JsonNode line(JsonNode list, String catalogItemId, String term) {
    return first(list, l -> l.get("catalogItemId").asText().equals(catalogItemId)
        && l.get("termDuration").asText().equals(term));
  }

  private static JsonNode first(JsonNode list, Predicate<JsonNode> which) {
    for (JsonNode line : list) {
      if (which.test(line)) {
        return line;
      }
    }
    throw new AssertionError("no such line in the price list");
  }

  private static Map<String, Object> margin(String appliesTo, String productGroup, String catalogItemId,
      String kind, String value, String currency) {
    Map<String, Object> body = new HashMap<>();
    body.put("appliesTo", appliesTo);
    body.put("kind", kind);
    body.put("value", new BigDecimal(value));
    if (productGroup != null) {
      body.put("productGroup", productGroup);
    }
    if (catalogItemId != null) {
      body.put("catalogItemId", catalogItemId);
    }
    if (currency != null) {
      body.put("currency", currency);
    }
    return body;
  }
}
