package com.cspflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.TermPlan;
import com.cspflow.ordering.OrderSubscription;
import com.cspflow.ordering.OrderingService;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CspflowSpringTest
class CatalogServiceTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  /** Offers no other test orders or bills, so that changing them at "Microsoft" disturbs none. */
  static final String NONPROFIT_EXCHANGE = "CFQ7TTC0LH16:0003:CFQ7TTC0BF6A";
  static final String EDUCATION_A3 = "CFQ7TTC0EM3F:0002:CFQ7TTC0EM3A";

  @Autowired CatalogService catalog;
  @Autowired OrderingService ordering;
  @Autowired Fixtures fixtures;
  @Autowired Clock clock;
  SandboxAdmin sandbox = new SandboxAdmin();

  @Test
  void aRefreshReproducesMicrosoftsCatalogAndARepeatedOneChangesNothing() {
    int offers = catalog.refresh();
    var before = catalog.offers();

    assertThat(catalog.refresh()).isEqualTo(offers);

    assertThat(catalog.offers()).isEqualTo(before);
    assertThat(catalog.offersForSale()).hasSize(offers).extracting(CatalogOffer::category)
        .contains("Corporate", "Education", "Nonprofit");
    assertThat(catalog.offersForSale()).extracting(CatalogOffer::productGroup)
        .contains("Microsoft 365", "Office 365", "Exchange Online", "Teams");
    assertThat(catalog.offersForSale()).extracting(CatalogOffer::productName)
        .contains("Microsoft 365 E3 (no Teams)", "Microsoft Teams Enterprise", "Microsoft 365 A3 (no Teams) for faculty")
        .doesNotContain("Microsoft 365 E3", "Microsoft Teams Essentials");
    CatalogOffer businessBasic = catalog.offer(BUSINESS_BASIC).orElseThrow();
    assertThat(businessBasic.productName()).isEqualTo("Microsoft 365 Business Basic");
    assertThat(businessBasic.maximumQuantity()).isEqualTo(300);
    assertThat(businessBasic.terms()).containsExactlyInAnyOrder(new TermPlan("P1Y", "annual"),
        new TermPlan("P1Y", "monthly"), new TermPlan("P1M", "monthly"));
    assertThat(businessBasic.currency()).isEqualTo("EUR");
  }

  @Test
  void theThreeBillingPlansArePricedAnnualAsTheBaseMonthlyBillingFivePercentAndAMonthlyTermTwentyPercentMore() {
    catalog.refresh();
    CatalogOffer businessBasic = catalog.offer(BUSINESS_BASIC).orElseThrow();
    LocalDate today = LocalDate.now(clock);

    assertThat(businessBasic.unitPrice("P1Y", "annual", today)).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("5.60"));
    assertThat(businessBasic.price("P1Y", "annual", today)).hasValueSatisfying(p -> assertThat(p.unitPrice())
        .as("Microsoft's sheet: a year's price").isEqualByComparingTo("67.20"));
    assertThat(businessBasic.unitPrice("P1Y", "monthly", today)).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("5.88"));
    assertThat(businessBasic.unitPrice("P1M", "monthly", today)).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("6.72"));
    assertThat(catalog.offer("CFQ7TTC0LFLZ:0001:CFQ7TTC086A7").orElseThrow().unitPrice("P3Y", "triennial", today))
        .as("Microsoft 365 E3 (no Teams) for three years").hasValueSatisfying(p -> assertThat(p)
            .isEqualByComparingTo("33.70"));
  }

  @Test
  void aPriceChangeFromNextMonthIsKnownBeforeItAppliesAndAppliesFromItsDate() {
    catalog.refresh();
    LocalDate nextMonth = YearMonth.now(clock).plusMonths(1).atDay(1);
    LocalDate lastDayBefore = nextMonth.minusDays(1);
    BigDecimal before = catalog.offer(NONPROFIT_EXCHANGE).orElseThrow().unitPrice("P1Y", "annual", lastDayBefore)
        .orElseThrow();

    sandbox.announcePrice(NONPROFIT_EXCHANGE, new BigDecimal("3.00"), nextMonth);
    catalog.refresh();

    CatalogOffer exchange = catalog.offer(NONPROFIT_EXCHANGE).orElseThrow();
    assertThat(exchange.unitPrice("P1Y", "annual", lastDayBefore)).as("until the change").contains(before);
    assertThat(exchange.unitPrice("P1Y", "annual", nextMonth)).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("3.00"));
    assertThat(exchange.unitPrice("P1M", "monthly", nextMonth)).hasValueSatisfying(p -> assertThat(p)
        .isEqualByComparingTo("3.60"));
    assertThat(exchange.price("P1Y", "annual", lastDayBefore)).hasValueSatisfying(p -> assertThat(p.effectiveTo())
        .as("the old price is kept, ending the day before").isEqualTo(lastDayBefore));
  }

  @Test
  void aProductWithdrawnFromMicrosoftsCatalogIsKeptMarkedWithItsPricesAndNewOrdersAreRefusedWithTheReason() {
    catalog.refresh();
    Fixtures.Customer customer = fixtures.activeCustomer("Withdrawn School");
    sandbox.withdrawFromCatalog(EDUCATION_A3);
    try {
      catalog.refresh();

      CatalogOffer a3 = catalog.offer(EDUCATION_A3).orElseThrow();
      LocalDate today = LocalDate.now(clock);
      assertThat(a3.withdrawnOn()).isEqualTo(today);
      assertThat(a3.unitPrice("P1Y", "monthly", today)).as("its subscriptions are still billed").isPresent();
      assertThat(catalog.offers()).contains(a3);
      assertThat(catalog.offersForSale()).doesNotContain(a3);
      assertThatThrownBy(() -> ordering.register(new OrderSubscription(customer.organizationId(), "Education",
          "Microsoft 365", EDUCATION_A3, 5, "P1Y", "monthly"), "test"))
          .isInstanceOf(ConflictingProcessInput.class)
          .hasMessageContaining("withdrawn from Microsoft's catalog on " + today);
    } finally {
      sandbox.listInCatalogAgain(EDUCATION_A3);
    }
    catalog.refresh();
    assertThat(catalog.offer(EDUCATION_A3).orElseThrow().withdrawn()).as("listed again").isFalse();
  }
}
