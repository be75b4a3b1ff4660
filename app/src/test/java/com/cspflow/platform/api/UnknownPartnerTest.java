package com.cspflow.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal and the back office may act for any partner, but only for one that exists: a partner id nobody set up
 * is 404 on every call, as a partner's system naming another partner is, and nothing is stored for it. The partner's
 * first setup is the one call that names a partner before it exists: it creates it.
 */
@CspflowSpringTest
class UnknownPartnerTest {

  @Autowired ApiCallers callers;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void theListsOfAPartnerThatDoesNotExistAre404NotEmpty() {
    String nobody = unknownPartnerId();

    assertNotFound(callers.portal().getForEntity("/api/partners/" + nobody + "/organizations", String.class));
    assertNotFound(callers.backoffice().getForEntity("/api/partners/" + nobody + "/margins", String.class));
  }

  @Test
  void nothingIsStoredForAPartnerThatDoesNotExist() {
    String nobody = unknownPartnerId();

    assertNotFound(callers.portal().postForEntity("/api/partners/" + nobody + "/organizations",
        ApiCallers.json(Map.of("organizationName", "Northwind AB")), String.class));
    assertNotFound(callers.backoffice().exchange("/api/partners/" + nobody + "/margins", HttpMethod.PUT,
        ApiCallers.json(Map.of("appliesTo", "PARTNER", "kind", "PERCENT", "value", 10)), String.class));

    assertThat(jdbc.sql("SELECT COUNT(*) FROM organization WHERE partner_id = :id").param("id", nobody)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_margin WHERE partner_id = :id").param("id", nobody)
        .query(Long.class).single()).isZero();
  }

  @Test
  void theFirstSetupCreatesThePartnerWhichTheOtherCallsThenFind() {
    String newcomer = unknownPartnerId();
    assertNotFound(callers.portal().getForEntity("/api/partners/" + newcomer + "/organizations", String.class));

    ResponseEntity<Map> setup = callers.portal().postForEntity("/api/partners/" + newcomer + "/microsoft365",
        ApiCallers.json(Map.of("mpnId", "1234567", "contactName", "Petra Partner", "contactEmail",
            "petra@partner.example")), Map.class);

    assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(setup.getBody()).containsEntry("status", "PENDING");
    assertThat(callers.portal().postForEntity("/api/partners/" + newcomer + "/organizations",
        ApiCallers.json(Map.of("organizationName", "Northwind AB")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void aPartnersOwnSystemSetsUpItsPartnerButStillGets404ForAnotherPartner() {
    String newcomer = unknownPartnerId();
    String other = fixtures.activePartner();

    assertThat(callers.partner(newcomer).postForEntity("/api/partners/" + newcomer + "/microsoft365",
        ApiCallers.json(Map.of("mpnId", "1234567", "contactName", "Petra Partner", "contactEmail",
            "petra@partner.example")), String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertNotFound(callers.partner(newcomer).postForEntity("/api/partners/" + other + "/organizations",
        ApiCallers.json(Map.of("organizationName", "Northwind AB")), String.class));
    assertNotFound(callers.partner(newcomer).postForEntity("/api/partners/" + unknownPartnerId() + "/microsoft365",
        ApiCallers.json(Map.of("mpnId", "1234567", "contactName", "Petra Partner", "contactEmail",
            "petra@partner.example")), String.class));
  }

  private static void assertNotFound(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private static String unknownPartnerId() {
    return "partner-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
