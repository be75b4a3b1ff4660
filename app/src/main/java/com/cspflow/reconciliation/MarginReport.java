package com.cspflow.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A partner's margin in a period: what Microsoft charged for its customers (the reconciliation's Microsoft lines),
 * what we bill it (our charge lines at the partner's price, from the partner price lists), and the difference.
 */
@Service
public class MarginReport {

  /** {@code marginPercent} is the margin over the sale; null when nothing was sold. */
  public record PartnerMargin(String partnerId, String currency, BigDecimal cost, BigDecimal sale, BigDecimal margin,
      BigDecimal marginPercent) {}

  private final JdbcClient jdbc;

  public MarginReport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<PartnerMargin> of(String period, Reconciliations.Reconciliation reconciliation, String partnerId) {
    ChargeMonth month = ChargeMonth.of(period);
    Map<String, BigDecimal[]> byPartner = new TreeMap<>();
    jdbc.sql("""
        SELECT partner_id, SUM(microsoft_amount) FROM reconciliation_item WHERE reconciliation_id = :id
          AND partner_id IS NOT NULL AND (CAST(:partner AS VARCHAR(64)) IS NULL OR partner_id = :partner)
        GROUP BY partner_id""")
        .param("id", reconciliation.id()).param("partner", partnerId, Types.VARCHAR)
        .query(rs -> {
          byPartner.computeIfAbsent(rs.getString(1), p -> zero())[0] = Objects.requireNonNullElse(rs.getBigDecimal(2),
              BigDecimal.ZERO);
        });
    jdbc.sql("""
        SELECT partner_id, SUM(sale) FROM charge_line WHERE starts_at >= :from AND starts_at < :to
          AND (CAST(:partner AS VARCHAR(64)) IS NULL OR partner_id = :partner) GROUP BY partner_id""")
        .param("from", month.from())
        .param("to", month.to())
        .param("partner", partnerId, Types.VARCHAR)
        .query(rs -> {
          byPartner.computeIfAbsent(rs.getString(1), p -> zero())[1] = rs.getBigDecimal(2);
        });
    return byPartner.entrySet().stream().map(e -> {
      BigDecimal cost = e.getValue()[0];
      BigDecimal sale = e.getValue()[1];
      BigDecimal margin = sale.subtract(cost);
      return new PartnerMargin(e.getKey(), reconciliation.currency(), cost, sale, margin, sale.signum() == 0 ? null
          : margin.multiply(BigDecimal.valueOf(100)).divide(sale, 2, RoundingMode.HALF_UP));
    }).toList();
  }

  private static BigDecimal[] zero() {
    return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
  }
}
