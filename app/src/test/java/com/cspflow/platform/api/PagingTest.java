package com.cspflow.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A partner's lists a page at a time: {@code ?page} and {@code ?size} give the page, {@code X-Total-Count} the whole
 * list's length and {@code Link rel="next"} the next page while there is one; without them, the whole list. A page or
 * size out of range is a 400 naming it.
 */
@CspflowSpringTest
class PagingTest {

  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;

  @Test
  void aPartnersOrganizationsComeAPageAtATimeInNameOrder() {
    String partnerId = fixtures.activePartner();
    for (String name : List.of("Echo AB", "Alfa AB", "Delta AB", "Charlie AB", "Bravo AB")) {
      fixtures.onboardedOrganization(partnerId, name);
    }
    String list = "/api/partners/" + partnerId + "/organizations";

    List<String> names = new ArrayList<>();
    String next = list + "?size=2";
    int pages = 0;
    while (next != null) {
      ResponseEntity<JsonNode> page = callers.portal().getForEntity(next, JsonNode.class);
      assertThat(page.getStatusCode().value()).isEqualTo(200);
      assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
      assertThat(page.getBody().size()).isLessThanOrEqualTo(2);
      page.getBody().forEach(organization -> names.add(organization.path("name").asText()));
      next = nextPage(page.getHeaders());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("Alfa AB", "Bravo AB", "Charlie AB", "Delta AB", "Echo AB");

    ResponseEntity<JsonNode> whole = callers.portal().getForEntity(list, JsonNode.class);
    assertThat(whole.getBody().size()).isEqualTo(5);
    assertThat(whole.getHeaders().getFirst(HttpHeaders.LINK)).isNull();
    ResponseEntity<JsonNode> beyond = callers.portal().getForEntity(list + "?page=9&size=2", JsonNode.class);
    assertThat(beyond.getBody().size()).isZero();
    assertThat(callers.portal().getForEntity(list + "?page=1", JsonNode.class).getBody().size()).isZero();
  }

  @Test
  void aPageOrSizeOutOfRangeIsRefusedNamingIt() {
    String partnerId = fixtures.activePartner();
    String list = "/api/partners/" + partnerId + "/organizations";
    for (String query : List.of("size=0", "size=1001", "size=-1", "size=ten", "page=-1", "page=1000001",
        "page=abc", "page=99999999999", "size=0x10", "page=%2310", "size=1e2")) {
      ResponseEntity<JsonNode> answer = callers.portal().getForEntity(list + "?" + query, JsonNode.class);
      String parameter = query.substring(0, query.indexOf('='));

      assertThat(answer.getStatusCode().value()).as(query).isEqualTo(400);
      assertThat(answer.getBody().path("problems").has(parameter)).as("%s: %s", query, answer.getBody()).isTrue();
    }
    for (String query : List.of("page=abc", "page=0x10", "page=99999999999", "page=%2310", "size=ten",
        "size=99999999999999", "size=1e2")) {
      ResponseEntity<JsonNode> answer = callers.portal().getForEntity(list + "?" + query, JsonNode.class);

      assertThat(answer.getBody().path("problems").path(query.startsWith("page") ? "page" : "size").asText())
          .as(query).isEqualTo(query.startsWith("page") ? "must be a whole number from 0 to " + Paging.MAX_PAGE
              : "must be a whole number from 1 to " + Paging.MAX_SIZE);
    }
  }

  @Test
  void aCustomersSubscriptionsAndOrdersComeAPageAtATime() {
    Customer customer = fixtures.activeCustomer("Paging AB");
    fixtures.orderedSubscription(customer, "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9", 3);
    fixtures.orderedSubscription(customer, "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9", 4);
    String customerPath = "/api/partners/" + customer.partnerId() + "/organizations/" + customer.organizationId();

    ResponseEntity<JsonNode> first = callers.portal().getForEntity(customerPath + "/subscriptions?size=1",
        JsonNode.class);
    assertThat(first.getBody().size()).isEqualTo(1);
    assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
    assertThat(nextPage(first.getHeaders())).contains("page=1").contains("size=1");

    ResponseEntity<JsonNode> orders = callers.portal().getForEntity(customerPath + "/orders?page=0&size=5",
        JsonNode.class);
    assertThat(orders.getStatusCode().value()).isEqualTo(200);
    assertThat(orders.getHeaders().getFirst("X-Total-Count")).isEqualTo(Integer.toString(orders.getBody().size()));
    assertThat(orders.getHeaders().getFirst(HttpHeaders.LINK)).isNull();
  }

  /** The path and query of the next page, from the Link header; null on the last page. */
  private static String nextPage(HttpHeaders headers) {
    String link = headers.getFirst(HttpHeaders.LINK);
    if (link == null) {
      return null;
    }
    assertThat(link).endsWith("; rel=\"next\"");
    String uri = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    return uri.substring(uri.indexOf("/api/"));
  }
}
