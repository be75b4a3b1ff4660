package com.cspflow.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cspflow.CspflowSpringTest;
import com.cspflow.pricing.Margin;
import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import com.cspflow.pricing.MarginRepository;
import com.cspflow.reconciliation.ChargeLedger.ChargedTerm;
import com.cspflow.support.Fixtures;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change in a term that is not the subscription's first: the seats added or the whole subscription cancelled are
 * charged or credited from the day of the change to the end of the cycle that day is in, the latest one paid for.
 */
@CspflowSpringTest
class ChargeLedgerTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @Autowired ChargeLedger ledger;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired MarginRepository margins;

  @Test
  void seatsAddedAndACancellationInARenewedTermAreProratedToTheEndOfThatTermsCycle() {
    Fixtures.Customer customer = fixtures.activeCustomer("Ledger AB");
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant firstStart = today.atZone(ZoneOffset.UTC).minusMonths(1).minusDays(10).toInstant();
    Instant renewedStart = firstStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    Instant renewedEnd = renewedStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    String subscription = UUID.randomUUID().toString();
    ChargedTerm first = new ChargedTerm(subscription, customer.organizationId(), BUSINESS_BASIC, 5, "P1M", "monthly",
        firstStart, renewedStart);
    ChargedTerm renewed = new ChargedTerm(subscription, customer.organizationId(), BUSINESS_BASIC, 5, "P1M",
        "monthly", renewedStart, renewedEnd);
    ledger.purchased("order-" + subscription, first);
    ledger.renewed(renewed);

    Instant changedAt = today.plus(9, ChronoUnit.HOURS);
    ledger.seatsChanged("change-" + subscription, renewed, 2, changedAt);
    ledger.cancelled("cancellation-" + subscription, renewed.withQuantity(7), changedAt.plus(1, ChronoUnit.HOURS));

    int cycleDays = (int) ChronoUnit.DAYS.between(renewedStart, renewedEnd);
    int daysLeft = (int) ChronoUnit.DAYS.between(today, renewedEnd);
    Map<String, Object> added = line(subscription, "ADD");
    assertThat(((Timestamp) added.get("starts_at")).toInstant()).isEqualTo(changedAt);
    assertThat(((Timestamp) added.get("ends_at")).toInstant()).isEqualTo(renewedEnd);
    assertThat(added).containsEntry("days", daysLeft).containsEntry("cycle_days", cycleDays)
        .containsEntry("quantity", 2);
    BigDecimal unit = (BigDecimal) added.get("cost_unit_price");
    assertThat((BigDecimal) added.get("cost")).isEqualByComparingTo(ChargeLedger.prorated(unit, 2, daysLeft,
        cycleDays));
    assertThat(line(subscription, "CANCEL")).containsEntry("quantity", -7).containsEntry("days", daysLeft)
        .containsEntry("cycle_days", cycleDays);
  }

  @Test
  void aPurchaseIsChargedToTheCustomersPartnerAtThatPartnersMostSpecificMargin() {
    Fixtures.Customer withMargins = fixtures.activeCustomer("Margins AB");
    Fixtures.Customer without = fixtures.activeCustomer("No Margins AB");
    Instant now = Instant.now();
    margins.set(withMargins.partnerId(), new Margin(AppliesTo.PARTNER, "", Kind.PERCENT, new BigDecimal("10"), null,
        "test", now));
    margins.set(withMargins.partnerId(), new Margin(AppliesTo.PRODUCT, BUSINESS_BASIC, Kind.PERCENT,
        new BigDecimal("20"), null, "test", now));
    Instant start = now.truncatedTo(ChronoUnit.DAYS);
    Instant end = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    ledger.purchased("order-" + first, new ChargedTerm(first, withMargins.organizationId(), BUSINESS_BASIC, 3, "P1M",
        "monthly", start, end));
    ledger.purchased("order-" + second, new ChargedTerm(second, without.organizationId(), BUSINESS_BASIC, 3, "P1M",
        "monthly", start, end));

    Map<String, Object> charged = line(first, "NEW");
    assertThat(charged).containsEntry("partner_id", withMargins.partnerId());
    BigDecimal cost = (BigDecimal) charged.get("cost_unit_price");
    assertThat((BigDecimal) charged.get("sale_unit_price")).as("the product's 20 %%, not the partner-wide 10 %%")
        .isCloseTo(cost.multiply(new BigDecimal("1.20")), within(new BigDecimal("0.01")));
    Map<String, Object> atDefault = line(second, "NEW");
    assertThat(atDefault).as("another partner's margins do not apply").containsEntry("partner_id", without.partnerId());
    assertThat((BigDecimal) atDefault.get("sale_unit_price")).as("the marketplace default, 0 %% in tests")
        .isEqualByComparingTo((BigDecimal) atDefault.get("cost_unit_price"));
  }

  private Map<String, Object> line(String subscription, String type) {
    return jdbc.sql("SELECT * FROM charge_line WHERE subscription_id = :id AND charge_type = :type")
        .param("id", subscription).param("type", type).query().singleRow();
  }
}
