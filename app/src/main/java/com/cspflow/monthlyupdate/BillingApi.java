package com.cspflow.monthlyupdate;

import com.cspflow.platform.api.Csv;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing material of a period, as the monthly update produced it: for the back office and operators, the
 * summary of its runs, the drift report and the customers a run could not update, and a run asked for now; for a
 * partner, its own lines (JSON, or CSV for a spreadsheet). A period's lines are those of its last completed run.
 */
@RestController
@Tag(name = "Billing", description = "The monthly quantity update on the 25th and the billing material it produces")
public class BillingApi {

  private final BillingRunRepository runs;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public BillingApi(BillingRunRepository runs, PartnerAccess access, ProcessStarter processes) {
    this.runs = runs;
    this.access = access;
    this.processes = processes;
  }

  /** 202 with the run, opened now; 409 while a run of the period is open. Honours Idempotency-Key. */
  @PostMapping("/api/billing/runs")
  @Operation(summary = "Run the monthly quantity update for a period (back office)")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<RunSummary> requestRun(@Valid @RequestBody RequestMonthlyUpdate request) {
    String period = processes.start(MonthlyUpdateService.PROCESS_KEY, request, ApiCaller.current());
    RunSummary run = runs.runsOf(period).get(0);
    return ResponseEntity.accepted().location(URI.create("/api/billing/runs/" + run.runId())).body(run);
  }

  // Not the collections beside it: a read of /api/billing/runs is 405 (Allow: POST), not a period "runs" refused
  @GetMapping("/api/billing/{period:(?!runs$|reconciliations$).+}")
  @Operation(summary = "A period's runs, newest first, and which one's lines are the billing material")
  public Map<String, Object> period(@PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period) {
    List<RunSummary> all = runs.runsOf(period);
    if (all.isEmpty()) {
      throw new NotFound("No monthly update has run for " + period);
    }
    return Map.of("period", period, "billingRun", runs.latestCompleted(period).map(RunSummary::runId).orElse(""),
        "runs", all);
  }

  @GetMapping("/api/billing/runs/{runId}")
  @Operation(summary = "One run's summary")
  public RunSummary run(@PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String runId) {
    return runs.run(runId).orElseThrow(() -> new NotFound("No run " + runId));
  }

  @GetMapping("/api/billing/runs/{runId}/drift")
  @Operation(summary = "Where our records differed from Microsoft's in the run")
  public List<DriftView> drift(@PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT)
      String runId) {
    return runs.drift(run(runId).runId());
  }

  @GetMapping("/api/billing/runs/{runId}/failures")
  @Operation(summary = "The customers the run could not update, and why")
  public List<FailedCustomerView> failures(@PathVariable @Pattern(regexp = Patterns.GUID,
      message = Patterns.GUID_HINT) String runId) {
    return runs.failures(run(runId).runId());
  }

  @GetMapping(path = "/api/partners/{partnerId}/billing/{period}/lines", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The partner's billing lines of a period (Accept: text/csv for CSV)")
  public List<BillingLineView> lines(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period) {
    access.readingFor(partnerId);
    RunSummary billingRun = runs.latestCompleted(period).orElseThrow(() -> new NotFound(
        "No completed monthly update for " + period));
    return runs.lines(billingRun.runId(), partnerId);
  }

  @GetMapping(path = "/api/partners/{partnerId}/billing/{period}/lines", produces = "text/csv")
  public String linesCsv(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.MONTH, message = Patterns.MONTH_HINT) String period) {
    return Csv.of(lines(partnerId, period), BillingLineView.class);
  }
}
