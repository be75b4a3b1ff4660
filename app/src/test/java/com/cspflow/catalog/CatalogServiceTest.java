package com.cspflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CatalogOffer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CspflowSpringTest
class CatalogServiceTest {

  @Autowired CatalogService catalog;

  @Test
  void aRefreshKeepsEveryOfferMicrosoftStillLists() {
    int offers = catalog.refresh();
    assertThat(catalog.refresh()).isEqualTo(offers);

    assertThat(catalog.offers()).hasSize(offers).extracting(CatalogOffer::category)
        .contains("Corporate", "Education", "Nonprofit");
    assertThat(catalog.offers()).extracting(CatalogOffer::productGroup)
        .contains("Microsoft 365", "Office 365", "Exchange Online", "Teams");
    CatalogOffer businessBasic = catalog.offer("CFQ7TTC0LH18:0001:CFQ7TTC09644").orElseThrow();
    assertThat(businessBasic.productName()).isEqualTo("Microsoft 365 Business Basic");
    assertThat(businessBasic.maximumQuantity()).isEqualTo(300);
    assertThat(businessBasic.termDurations()).contains("P1M", "P1Y");
    assertThat(businessBasic.unitPrice()).isPositive();
  }
}
