package com.cspflow.reconciliation;

import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.api.Csv;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billing against Microsoft's charges, for the back office: a reconciliation asked for now, the newest one of a period
 * (all partners, or one) as JSON or its items as CSV, and the margin of each partner. Partners do not see these: they
 * hold Microsoft's prices.
 */
@RestController
@Tag(name = "Reconciliation", description = "Our charge lines against Microsoft's, and the margin per partner")
public class ReconciliationApi {


  /** A reconciliation as the API shows it. */
  public record ReconciliationView(String period, String reconciliationId, String reconciledAt, String currency,
      String partnerId, Reconciliations.Totals totals, List<PartnerTotals> partners,
      List<Reconciliations.Item> items) {}

  /** One partner's share of a reconciliation. */
  public record PartnerTotals(String partnerId, Reconciliations.Totals totals) {}

  private final Reconciliations reconciliations;
  private final MarginReport margins;
  private final ProcessStarter processes;
  private final BillingExports exports;

  public ReconciliationApi(Reconciliations reconciliations, MarginReport margins, ProcessStarter processes,
      BillingExports exports) {
    this.exports = exports;
    this.reconciliations = reconciliations;
    this.margins = margins;
    this.processes = processes;
  }

  /** 202: Microsoft's export is asked for and followed by the process; the result is at the Location. */
  @PostMapping("/api/billing/reconciliations")
  @Operation(summary = "Reconcile the current or the last billing period with Microsoft's charges")
  public ResponseEntity<Map<String, String>> reconcile(@Valid @RequestBody ReconcileBilling request) {
    String exportId = processes.start(ReconciliationService.PROCESS_KEY, request, ApiCaller.current());
    String period = exports.export(exportId).period();
    return ResponseEntity.accepted().location(URI.create("/api/billing/reconciliations/" + period))
        .body(Map.of("period", period, "exportId", exportId));
  }

  @GetMapping(path = "/api/billing/reconciliations/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The newest reconciliation of a period: totals, per partner, and every item "
      + "(Accept: text/csv for the items as CSV)")
  public ReconciliationView reconciliation(
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period,
      @RequestParam(required = false) @PartnerId String partnerId) {
    Reconciliations.Reconciliation latest = reconciliations.latest(period)
        .orElseThrow(() -> new NotFound("No reconciliation of " + period + " yet"));
    List<Reconciliations.Item> items = reconciliations.items(latest.id(), partnerId);
    Map<String, List<Reconciliations.Item>> byPartner = new java.util.TreeMap<>();
    items.forEach(item -> byPartner.computeIfAbsent(item.partnerId() == null ? "(unknown)" : item.partnerId(),
        p -> new java.util.ArrayList<>()).add(item));
    return new ReconciliationView(period, latest.id(), latest.createdAt().toString(), latest.currency(), partnerId,
        partnerId == null ? latest.totals() : Reconciliations.Totals.of(items),
        byPartner.entrySet().stream().map(e -> new PartnerTotals(e.getKey(), Reconciliations.Totals.of(e.getValue())))
            .toList(), items);
  }

  @GetMapping(path = "/api/billing/reconciliations/{period}", produces = "text/csv")
  public String reconciliationCsv(@PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period,
      @RequestParam(required = false) @PartnerId String partnerId) {
    return Csv.of(reconciliation(period, partnerId).items(), Reconciliations.Item.class);
  }

  @GetMapping("/api/billing/margins/{period}")
  @Operation(summary = "Per partner: Microsoft's charges (cost), our lines at the partner's price (sale), the margin")
  public List<MarginReport.PartnerMargin> margins(
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period,
      @RequestParam(required = false) @PartnerId String partnerId) {
    Reconciliations.Reconciliation latest = reconciliations.latest(period)
        .orElseThrow(() -> new NotFound("No reconciliation of " + period + " yet: Microsoft's charges are not known"));
    return margins.of(period, latest, partnerId);
  }

}
