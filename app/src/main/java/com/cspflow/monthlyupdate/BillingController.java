package com.cspflow.monthlyupdate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The billing material of a period, as the monthly update produced it: the summary of its runs, the lines per
 * partner (JSON, or CSV for a spreadsheet), the drift report and the customers a run could not update. A
 * period's lines are those of its last completed run.
 */
@RestController
@RequestMapping("/api/billing")
public class BillingController {

  private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  private static final CsvMapper CSV = new CsvMapper();

  private final BillingRunRepository runs;

  public BillingController(BillingRunRepository runs) {
    this.runs = runs;
  }

  /** The period's billing run (the last completed one) and every run of the period, newest first. */
  @GetMapping("/{period}")
  public Map<String, Object> period(@PathVariable String period) {
    List<RunSummary> all = runs.runsOf(checked(period));
    if (all.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No monthly update has run for " + period);
    }
    return Map.of("period", period, "billingRun", runs.latestCompleted(period).map(RunSummary::runId).orElse(""),
        "runs", all);
  }

  @GetMapping("/runs/{runId}")
  public RunSummary run(@PathVariable String runId) {
    return runs.run(runId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + runId));
  }

  @GetMapping("/runs/{runId}/drift")
  public List<DriftView> drift(@PathVariable String runId) {
    return runs.drift(run(runId).runId());
  }

  @GetMapping("/runs/{runId}/failures")
  public List<FailedCustomerView> failures(@PathVariable String runId) {
    return runs.failures(run(runId).runId());
  }

  @GetMapping(path = "/{period}/partners/{partnerId}/lines", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<BillingLineView> lines(@PathVariable String period, @PathVariable String partnerId) {
    RunSummary billingRun = runs.latestCompleted(checked(period)).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No completed monthly update for " + period));
    return runs.lines(billingRun.runId(), partnerId);
  }

  @GetMapping(path = "/{period}/partners/{partnerId}/lines", produces = "text/csv")
  public String linesCsv(@PathVariable String period, @PathVariable String partnerId) throws JsonProcessingException {
    return CSV.writer(CSV.schemaFor(BillingLineView.class).withHeader()).writeValueAsString(lines(period, partnerId));
  }

  private static String checked(String period) {
    if (!PERIOD.matcher(period).matches()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period must be a month as YYYY-MM, e.g. 2026-11");
    }
    return period;
  }
}
