package com.cspflow.reconciliation;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.PartnerInvoice;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.OutsideServiceUnavailable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
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
  private final CspPort csp;
  private final Clock clock;

  public ReconciliationService(BillingExports exports, ChargeLedger ledger, Reconciliations reconciliations,
      ReconciliationSettings settings, CspPort csp, Clock clock) {
    this.csp = csp;
    this.exports = exports;
    this.ledger = ledger;
    this.reconciliations = reconciliations;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The export a reconciliation needs, registered; Microsoft's billing periods are calendar months in UTC. A month
   * before this one is read from its invoice when Microsoft lists one; the last month without an invoice yet from its
   * unbilled lines. A later month, or an older one without an invoice, is refused naming {@code billingPeriod}.
   */
  public Registered register(ReconcileBilling request) {
    YearMonth thisMonth = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    YearMonth month = switch (request.billingPeriod()) {
      case "current" -> thisMonth;
      case "last" -> thisMonth.minusMonths(1);
      default -> YearMonth.parse(request.billingPeriod());
    };
    String period = month.toString();
    if (month.isAfter(thisMonth)) {
      throw new InvalidProcessInput(Map.of("billingPeriod", "is after this month (" + thisMonth + ")"));
    }
    if (month.equals(thisMonth) || "last".equals(request.billingPeriod())) {
      return new Registered(period, exports.register(period, month.equals(thisMonth) ? "current" : "last", null));
    }
    Optional<PartnerInvoice> invoice = invoiceOf(month);
    if (invoice.isPresent()) {
      return new Registered(period, exports.register(period, "invoice", invoice.get().id()));
    }
    if (month.equals(thisMonth.minusMonths(1))) {
      return new Registered(period, exports.register(period, "last", null));
    }
    throw new InvalidProcessInput(Map.of("billingPeriod", "has no invoice from Microsoft: " + period
        + " cannot be reconciled"));
  }

  private Optional<PartnerInvoice> invoiceOf(YearMonth month) {
    try {
      return csp.invoices().stream().filter(i -> i.billingPeriodStart() != null
          && YearMonth.from(i.billingPeriodStart()).equals(month)).findFirst();
    } catch (CspTechnicalException e) {
      throw new OutsideServiceUnavailable("Microsoft's list of invoices cannot be read now: try again later", e);
    }
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
