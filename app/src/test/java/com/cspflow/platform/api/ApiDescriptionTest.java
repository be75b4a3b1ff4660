package com.cspflow.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The OpenAPI description at /api/openapi, read as a partner's client generator reads it. */
@CspflowSpringTest
class ApiDescriptionTest {

  private static final String PROBLEM = "#/components/schemas/ProblemDetail";

  @Autowired TestRestTemplate http;

  JsonNode description;

  @BeforeEach
  void read() {
    description = http.getForObject("/api/openapi", JsonNode.class);
  }

  @Test
  void everyPatternIsAnchoredAsAClientGeneratorSearchesWithIt() {
    List<String> patterns = new ArrayList<>();
    description.findValues("pattern").forEach(pattern -> patterns.add(pattern.asText()));

    assertThat(patterns).hasSizeGreaterThan(20).allSatisfy(pattern -> assertThat(pattern).startsWith("^").endsWith("$"));
    // JSON Schema searches: the published term pattern must not find a term inside other text
    String term = description.at("/components/schemas/OrderSubscription/properties/termDuration/pattern").asText();
    assertThat(java.util.regex.Pattern.compile(term).matcher("xP1Yx").find()).isFalse();
    assertThat(java.util.regex.Pattern.compile(term).matcher("P1Y").find()).isTrue();
  }

  @Test
  void namesTheApiAndHowToSignIn() {
    assertThat(description.at("/info/title").asText()).isEqualTo("cspflow API");
    assertThat(description.at("/info/version").asText()).isNotEqualTo("v0");
    assertThat(description.at("/info/description").asText()).contains("Idempotency-Key");
    JsonNode schemes = description.at("/components/securitySchemes");
    assertThat(schemes.at("/clientCredentials/type").asText()).isEqualTo("oauth2");
    assertThat(schemes.at("/clientCredentials/flows/clientCredentials/tokenUrl").asText()).isEqualTo("/oauth2/token");
    assertThat(schemes.at("/basic/type").asText()).isEqualTo("http");
    assertThat(schemes.at("/basic/scheme").asText()).isEqualTo("basic");
    assertThat(description.path("security").toString()).contains("clientCredentials").contains("basic");
  }

  @Test
  void creatingCallsAnswerTheirOwnStatusWithLocation() {
    JsonNode order = operation("/api/partners/{partnerId}/orders", "post");
    assertThat(order.path("responses").has("200")).isFalse();
    assertThat(order.at("/responses/201/content/application~1json/schema/$ref").asText())
        .endsWith("/SubscriptionOrder");
    assertThat(order.at("/responses/201/headers").has("Location")).isTrue();
    assertThat(operation("/api/partners/{partnerId}/subscriptions/{subscriptionId}/quantity-changes", "post")
        .at("/responses").fieldNames()).toIterable().contains("202").doesNotContain("200");
    JsonNode cancellation = operation("/api/partners/{partnerId}/subscriptions/{subscriptionId}/cancellation",
        "post");
    assertThat(cancellation.at("/responses").fieldNames()).toIterable().contains("202", "409", "422")
        .doesNotContain("200");
    assertThat(cancellation.at("/responses/202/headers").has("Location")).isTrue();
    assertThat(cancellation.path("parameters").toString()).contains("Idempotency-Key");
    operation("/api/partners/{partnerId}/cancellations/{cancellationId}", "get");
    assertThat(operation("/api/admin/clients", "post").at("/responses").fieldNames()).toIterable()
        .contains("201").doesNotContain("200");
    JsonNode disable = operation("/api/admin/clients/{clientId}", "delete");
    assertThat(disable.at("/responses").fieldNames()).toIterable().contains("204").doesNotContain("200");
    assertThat(disable.at("/responses/204").has("content")).isFalse();
  }

  @Test
  void refusalsAreProblemDetailsWithTheirProblems() {
    JsonNode order = operation("/api/partners/{partnerId}/orders", "post");
    for (String status : List.of("400", "401", "403", "404", "409", "422")) {
      assertThat(order.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asText())
          .as("POST /orders answers %s as a problem", status).isEqualTo(PROBLEM);
    }
    JsonNode problem = description.at("/components/schemas/ProblemDetail/properties");
    assertThat(problem.fieldNames()).toIterable().contains("type", "title", "status", "detail", "instance",
        "problems");
    assertThat(problem.at("/problems/additionalProperties/type").asText()).isEqualTo("string");
    assertThat(operation("/api/catalog", "get").path("responses").has("422")).isFalse();
    JsonNode consent = operation("/api/admin/csp-consent", "put");
    assertThat(consent.at("/responses/503/content/application~1problem+json/schema/$ref").asText())
        .isEqualTo(PROBLEM);
    assertThat(consent.at("/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/ConsentState");
  }

  @Test
  void everyOperationSaysWhoMayCallItAndHowItRefuses() {
    List<String> lacking = new ArrayList<>();
    description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      JsonNode responses = method.getValue().path("responses");
      if (!responses.has("401") || !responses.has("403")) {
        lacking.add(method.getKey() + " " + path.getKey());
      }
      if (!responses.at("/429/headers").has("Retry-After")) {
        lacking.add(method.getKey() + " " + path.getKey() + " without 429 and its Retry-After");
      }
      responses.fields().forEachRemaining(response -> {
        if (response.getKey().startsWith("2") && response.getValue().path("content").has("*/*")) {
          lacking.add(method.getKey() + " " + path.getKey() + " answers */*");
        }
      });
    }));
    assertThat(lacking).isEmpty();
  }

  private JsonNode operation(String path, String method) {
    JsonNode operation = description.path("paths").path(path).path(method);
    assertThat(operation.isMissingNode()).as("%s %s in /api/openapi", method, path).isFalse();
    return operation;
  }
}
