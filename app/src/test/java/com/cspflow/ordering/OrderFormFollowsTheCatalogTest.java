package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist form "Order subscription" lists the products the catalog sells, as the catalog names them: its list is
 * generated from the catalog a refresh reads from the sandbox (whose migration V21 is the one place that says what is
 * sold). After a change of the sandbox's catalog, regenerate it with
 * {@code mvn -o -pl app test -Dtest=OrderFormFollowsTheCatalogTest -Dcspflow.form.write=true}.
 */
@CspflowSpringTest
class OrderFormFollowsTheCatalogTest {

  static final Path FORM = Path.of("..", "forms", "order-subscription.form");

  @Autowired CatalogService catalog;

  @Test
  void theOrderFormListsExactlyTheProductsForSale() throws IOException {
    catalog.refresh();
    String generated = productList();
    ObjectMapper json = new ObjectMapper();
    ObjectNode form = (ObjectNode) json.readTree(FORM.toFile());
    ObjectNode products = (ObjectNode) StreamSupport.stream(form.path("components").spliterator(), false)
        .filter(component -> "catalogItemId".equals(component.path("key").asText())).findFirst().orElseThrow();

    if (Boolean.getBoolean("cspflow.form.write")) {
      String text = Files.readString(FORM, StandardCharsets.UTF_8);
      String current = products.path("valuesExpression").asText();
      Files.writeString(FORM, text.replace(json.writeValueAsString(current), json.writeValueAsString(generated)),
          StandardCharsets.UTF_8);
    } else {
      assertThat(products.path("valuesExpression").asText()).as("regenerate the form, see this test's comment")
          .isEqualTo(generated);
    }
  }

  /** A FEEL list of the products for sale, filtered by the form's category (c) and product group (g). */
  private String productList() {
    return catalog.offersForSale().stream()
        .sorted(Comparator.comparing(CatalogOffer::category).thenComparing(CatalogOffer::productGroup)
            .thenComparing(CatalogOffer::productName))
        .map(offer -> "{label:\"%s (%d-%d seats)\",value:\"%s\",c:\"%s\",g:\"%s\"}".formatted(offer.productName(),
            offer.minimumQuantity(), offer.maximumQuantity(), offer.catalogItemId(), offer.category(),
            offer.productGroup()))
        .collect(Collectors.joining(",", "=[", "][c = category and g = productGroup]"));
  }
}
