package com.cspflow.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures.Customer;
import com.cspflow.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** A subscription read by the id its changes are made under, by whoever may read its partner's customers. */
@CspflowSpringTest
class SubscriptionApiTest {

  static final String BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9";

  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  Customer customer;
  String subscriptionId;

  @BeforeEach
  void aCustomerWithTenSeats() {
    customer = fixtures.activeCustomer("Northwind AB");
    subscriptionId = fixtures.orderedSubscription(customer, BUSINESS_STANDARD, 10);
  }

  @Test
  void aSubscriptionIsReadByItsIdWithItsCustomerAndSeats() {
    for (String id : List.of(subscriptionId, subscriptionId.toUpperCase(Locale.ROOT))) {
      ResponseEntity<JsonNode> answer = callers.partner(customer.partnerId()).getForEntity(path(customer.partnerId(),
          id), JsonNode.class);

      assertThat(answer.getStatusCode().value()).isEqualTo(200);
      assertThat(answer.getBody().path("id").asText()).isEqualTo(subscriptionId);
      assertThat(answer.getBody().path("organizationId").asText()).isEqualTo(customer.organizationId());
      assertThat(answer.getBody().path("quantity").asInt()).isEqualTo(10);
      assertThat(answer.getBody().path("catalogItemId").asText()).isEqualTo(BUSINESS_STANDARD);
    }
    assertThat(callers.portal().getForEntity(path(customer.partnerId(), subscriptionId), JsonNode.class)
        .getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void anotherPartnersSubscriptionOrAnUnknownIdIsNotFound() {
    String otherPartner = fixtures.activePartner();

    assertThat(callers.partner(otherPartner).getForEntity(path(otherPartner, subscriptionId), String.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(callers.portal().getForEntity(path(otherPartner, subscriptionId), String.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(callers.partner(otherPartner).getForEntity(path(customer.partnerId(), subscriptionId), String.class)
        .getStatusCode().value()).isIn(403, 404);
    assertThat(callers.portal().getForEntity(path(customer.partnerId(), UUID.randomUUID().toString()), String.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(callers.portal().getForEntity(path(customer.partnerId(), "not-a-guid"), String.class)
        .getStatusCode().value()).isEqualTo(400);
  }

  private static String path(String partnerId, String subscriptionId) {
    return "/api/partners/" + partnerId + "/subscriptions/" + subscriptionId;
  }
}
