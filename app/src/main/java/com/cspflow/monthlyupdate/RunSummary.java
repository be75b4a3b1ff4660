package com.cspflow.monthlyupdate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of the monthly update as the billing endpoint and Cockpit show it. Counts are null while it runs;
 * {@code totals} reads like "EUR 12345.60; USD 99.00". {@code sweep} is FULL (every customer read from Microsoft) or
 * INCREMENTAL ({@code customersRead} of the customers, those changed since {@code changesSince}; the others billed
 * from our records).
 */
public record RunSummary(String runId, String period, String status, String trigger, String requestedBy,
    String processInstanceId, int chunks, int customers, Integer subscriptions, Integer billingLines,
    Integer driftCount, Integer failedCustomers, String totals, Instant startedAt, Instant finishedAt,
    Long durationSeconds, String sweep, Instant changesSince, Integer customersRead) {

  static String formatTotals(Map<String, BigDecimal> totals) {
    return totals.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
        .collect(Collectors.joining("; "));
  }

  /** One line for the process instance's variables in Cockpit. */
  String headline() {
    return period + ": " + customers + " customers (" + customersRead + " read from Microsoft, "
        + ("FULL".equals(sweep) ? "full sweep" : "incremental since " + changesSince) + "), " + subscriptions + " subscriptions, " + billingLines
        + " billing lines (" + (totals == null || totals.isEmpty() ? "nothing billed" : totals) + "), " + driftCount
        + " drift, " + failedCustomers + " customers failed, " + durationSeconds + " s";
  }

  static RunSummary map(ResultSet rs, int row) throws SQLException {
    Instant started = rs.getTimestamp("started_at").toInstant();
    Timestamp finished = rs.getTimestamp("finished_at");
    return new RunSummary(rs.getString("id"), rs.getString("period"), rs.getString("status"),
        rs.getString("trigger_source"), rs.getString("requested_by"), rs.getString("process_instance_id"),
        rs.getInt("chunk_count"), rs.getInt("customers"), (Integer) rs.getObject("subscriptions"),
        (Integer) rs.getObject("billing_lines"), (Integer) rs.getObject("drift_count"),
        (Integer) rs.getObject("failed_customers"), rs.getString("totals"), started,
        finished == null ? null : finished.toInstant(),
        finished == null ? null : Duration.between(started, finished.toInstant()).toSeconds(), rs.getString("sweep"),
        rs.getTimestamp("changes_since") == null ? null : rs.getTimestamp("changes_since").toInstant(),
        (Integer) rs.getObject("customers_read"));
  }
}
