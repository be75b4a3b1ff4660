package com.cspflow.reconciliation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/**
 * "Reconcile billing with Microsoft": what the steps of the process do, over {@link BillingExports},
 * {@link ChargeLedger} and {@link Reconciliations}.
 */
@Service
public class ReconciliationService {

  public static final String PROCESS_KEY = "billingReconciliation";

  private final BillingExports exports;
  private final ChargeLedger ledger;
  private final Reconciliations reconciliations;
  private final ReconciliationSettings settings;
  private final Clock clock;

  public ReconciliationService(BillingExports exports, ChargeLedger ledger, Reconciliations reconciliations,
      ReconciliationSettings settings, Clock clock) {
    this.exports = exports;
    this.ledger = ledger;
    this.reconciliations = reconciliations;
    this.settings = settings;
    this.clock = clock;
  }

  /** The export a reconciliation needs, registered; Microsoft's billing periods are calendar months in UTC. */
  public Registered register(ReconcileBilling request) {
    YearMonth thisMonth = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    String period = ("last".equals(request.billingPeriod()) ? thisMonth.minusMonths(1) : thisMonth).toString();
    return new Registered(period, exports.register(period, request.billingPeriod()));
  }

  /** The month a reconciliation is of, and the export it reads. */
  public record Registered(String period, String exportId) {}

  public void requestExport(String exportId) {
    exports.request(exportId);
  }

  public boolean exportReady(String exportId) {
    return exports.ready(exportId);
  }

  public int download(String exportId) {
    return exports.download(exportId);
  }

  /** Charges the cycles due, then reconciles; whether the back office should review the result. */
  public Reconciliations.Reconciliation reconcile(String period, String exportId) {
    ledger.chargeCyclesDue();
    return reconciliations.reconcile(period, exportId, settings.currency());
  }

  /** Leakage or a total difference above the threshold. */
  public boolean needsReview(Reconciliations.Totals totals) {
    BigDecimal threshold = settings.threshold();
    return totals.leakage().compareTo(threshold) > 0 || totals.difference().abs().compareTo(threshold) > 0;
  }
}
