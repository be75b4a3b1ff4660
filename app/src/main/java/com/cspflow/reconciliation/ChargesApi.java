package com.cspflow.reconciliation;

import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.api.Csv;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.input.PartnerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's charge lines of a month, at its own price: what each purchase, seat change, refund, renewal and billing
 * cycle of its customers' subscriptions costs it, for which days, and why. Microsoft's price is not shown.
 */
@RestController
@Tag(name = "Billing", description = "The monthly quantity update on the 25th and the billing material it produces")
public class ChargesApi {


  /** One charge line at the partner's price; {@code chargeEnd} is the last day charged. */
  public record ChargeView(String organizationId, String subscriptionId, String product, String chargeType,
      String reason, LocalDate chargeStart, LocalDate chargeEnd, int days, int cycleDays, int quantity,
      BigDecimal unitPrice, BigDecimal amount, String currency, String termDuration, String billingCycle) {}

  private final JdbcClient jdbc;
  private final PartnerAccess access;

  public ChargesApi(JdbcClient jdbc, PartnerAccess access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  @GetMapping(path = "/api/partners/{partnerId}/billing/{period}/charges", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The partner's charge lines of a month, prorated by the day (Accept: text/csv for CSV)")
  public List<ChargeView> charges(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period) {
    access.readingFor(partnerId);
    ChargeMonth month = ChargeMonth.of(period);
    List<ChargeView> charges = jdbc.sql("""
        SELECT organization_id, subscription_id, product, charge_type, starts_at, ends_at, days, cycle_days, quantity,
          sale_unit_price, sale, currency, term_duration, billing_cycle
        FROM charge_line WHERE partner_id = :partner AND starts_at >= :from AND starts_at < :to
        ORDER BY organization_id, subscription_id, starts_at, charge_type""")
        .param("partner", partnerId)
        .param("from", month.from())
        .param("to", month.to())
        .query((rs, row) -> {
          ChargeType type = ChargeType.valueOf(rs.getString("charge_type"));
          return new ChargeView(rs.getString("organization_id"), rs.getString("subscription_id"),
              rs.getString("product"), type.microsoftName(), type.inWords(),
              LocalDate.ofInstant(rs.getTimestamp("starts_at").toInstant(), ZoneOffset.UTC),
              LocalDate.ofInstant(rs.getTimestamp("ends_at").toInstant(), ZoneOffset.UTC).minusDays(1),
              rs.getInt("days"), rs.getInt("cycle_days"), rs.getInt("quantity"), rs.getBigDecimal("sale_unit_price"),
              rs.getBigDecimal("sale"), rs.getString("currency"), rs.getString("term_duration"),
              rs.getString("billing_cycle"));
        }).list();
    if (charges.isEmpty()) {
      throw new NotFound("No charge lines of the partner in " + period);
    }
    return charges;
  }

  @GetMapping(path = "/api/partners/{partnerId}/billing/{period}/charges", produces = "text/csv")
  public String chargesCsv(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period) {
    return Csv.of(charges(partnerId, period), ChargeView.class);
  }

}
