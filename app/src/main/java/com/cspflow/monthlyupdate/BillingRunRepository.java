package com.cspflow.monthlyupdate;

import com.cspflow.platform.TextColumns;
import com.cspflow.monthlyupdate.Reconciliation.BillingLine;
import com.cspflow.monthlyupdate.Reconciliation.Customer;
import com.cspflow.monthlyupdate.Reconciliation.Drift;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs of the monthly update, the customers each covers, and what they produced: billing lines and drift. */
@Repository
public class BillingRunRepository {

  enum Status { RUNNING, COMPLETED, ABANDONED }

  enum Outcome { PENDING, DONE, FAILED }

  /** How a run was started: by its timer on the 25th, or asked for (REST or Tasklist). */
  enum Trigger { SCHEDULE, REQUEST }

  /** Every customer read from Microsoft, or only those that changed since the last complete run (V92). */
  enum Sweep { FULL, INCREMENTAL }

  /** The last complete run: what an incremental run reads the changes since. */
  record Baseline(String id, Instant startedAt) {}

  /**
   * A customer of a chunk, whether its subscriptions are read from our records instead of Microsoft, and whether an
   * earlier attempt of the chunk already wrote its results (its outcome is no longer PENDING: outcomes and results
   * are written in one transaction).
   */
  record ChunkCustomer(Customer customer, boolean fromRecords, boolean writtenBefore) {}

  record OpenRun(String id, String period, String processInstanceId) {}

  record RunPace(String id, String period, double cspRequestsPerSecond) {}

  record CustomerOutcome(String organizationId, Outcome outcome, int subscriptions, String failure) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  public BillingRunRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  Optional<OpenRun> openRun(String period) {
    return jdbc.sql("SELECT id, period, process_instance_id FROM billing_run WHERE active_period = :period")
        .param("period", period)
        .query((rs, row) -> new OpenRun(rs.getString("id"), rs.getString("period"), rs.getString("process_instance_id")))
        .optional();
  }

  /** Inserts the run holding its period; a second open run of the period fails on the unique index. */
  void insert(String id, String period, Trigger trigger, String requestedBy, String processInstanceId,
      double cspRequestsPerSecond, Sweep sweep, Instant changesSince, Instant now) {
    jdbc.sql("""
        INSERT INTO billing_run (id, period, active_period, status, trigger_source, requested_by, process_instance_id,
          csp_requests_per_second, chunk_count, customers, started_at, sweep, changes_since)
        VALUES (:id, :period, :period, 'RUNNING', :trigger, :requestedBy, :processInstanceId, :rate, 0, 0, :now,
          :sweep, :since)""")
        .param("id", id).param("period", period).param("trigger", trigger.name()).param("requestedBy", requestedBy)
        .param("processInstanceId", processInstanceId).param("rate", BigDecimal.valueOf(cspRequestsPerSecond))
        .param("now", Timestamp.from(now)).param("sweep", sweep.name())
        .param("since", changesSince == null ? null : Timestamp.from(changesSince)).update();
  }

  /** The latest run that completed and started no earlier than {@code notBefore}, of any period. */
  Optional<Baseline> lastCompleted(Instant notBefore) {
    return jdbc.sql("""
        SELECT id, started_at FROM billing_run WHERE status = 'COMPLETED' AND started_at >= :notBefore
        ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY""")
        .param("notBefore", Timestamp.from(notBefore))
        .query((rs, row) -> new Baseline(rs.getString("id"), rs.getTimestamp("started_at").toInstant())).optional();
  }

  /** When the latest complete full sweep started, if any did. */
  Optional<Instant> lastCompletedFullSweep() {
    return jdbc.sql("""
        SELECT MAX(started_at) FROM billing_run WHERE status = 'COMPLETED' AND sweep = 'FULL'""")
        .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
  }

  /**
   * An incremental run's customers that are billed from our records: those the baseline updated, except the ones
   * that changed since. Returns how many customers the run reads from Microsoft.
   */
  int readFromRecordsExceptChanged(String runId, String baselineRunId, Collection<String> changed) {
    jdbc.sql("""
        UPDATE billing_run_customer SET read_from = 'RECORDS' WHERE run_id = :runId AND organization_id IN (
          SELECT organization_id FROM billing_run_customer WHERE run_id = :baseline AND outcome = 'DONE')""")
        .param("runId", runId).param("baseline", baselineRunId).update();
    batch.batchUpdate("""
        UPDATE billing_run_customer SET read_from = 'MICROSOFT' WHERE run_id = :runId AND organization_id = :id""",
        changed.stream().map(id -> new MapSqlParameterSource().addValue("runId", runId).addValue("id", id))
            .toArray(MapSqlParameterSource[]::new));
    return jdbc.sql("""
        SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND read_from = 'MICROSOFT'""")
        .param("runId", runId).query(Integer.class).single();
  }

  /** How many of the run's customers it reads from Microsoft: all of them in a full sweep. */
  void recordCustomersRead(String runId, int read) {
    jdbc.sql("UPDATE billing_run SET customers_read = :read WHERE id = :id").param("read", read)
        .param("id", runId).update();
  }

  /** A run whose process instance was deleted (e.g. in Cockpit) no longer holds its period. */
  void abandon(String runId, Instant now) {
    jdbc.sql("UPDATE billing_run SET status = 'ABANDONED', active_period = NULL, finished_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now)).param("id", runId).update();
  }

  /**
   * Fixes the run's customers (every organization with an active service) and deals them into chunks of
   * {@code chunkSize} in organization order, in one statement; returns how many.
   */
  int assignCustomers(String runId, int chunkSize) {
    int customers = jdbc.sql("""
        INSERT INTO billing_run_customer (run_id, organization_id, chunk_no, outcome)
        SELECT :runId, organization_id, (ROW_NUMBER() OVER (ORDER BY organization_id) - 1) / :chunkSize, 'PENDING'
        FROM m365_service WHERE status = 'ACTIVE' AND tenant_id IS NOT NULL""")
        .param("runId", runId).param("chunkSize", chunkSize).update();
    int chunks = (customers + chunkSize - 1) / chunkSize;
    jdbc.sql("UPDATE billing_run SET customers = :customers, chunk_count = :chunks WHERE id = :id")
        .param("customers", customers).param("chunks", chunks).param("id", runId).update();
    refreshStatistics();
    return customers;
  }

  /**
   * PostgreSQL learns of the run's customers just inserted, as it would after a bulk load: until autovacuum gets to
   * the table, the planner takes the new run (and a baseline run of minutes ago) for a row or two, and the
   * incremental run's join with its baseline becomes a nested loop of every customer with every customer (36 s for
   * 20,000 customers, against 0.3 s). Runs in the opening transaction, which it sees. H2 plans without statistics.
   */
  private void refreshStatistics() {
    if (postgres == null) {
      try {
        postgres = JdbcUtils.<String>extractDatabaseMetaData(batch.getJdbcTemplate().getDataSource(),
            DatabaseMetaData::getDatabaseProductName).toLowerCase(Locale.ROOT).contains("postgres");
      } catch (MetaDataAccessException e) {
        throw new IllegalStateException("The database's product name cannot be read", e);
      }
    }
    if (postgres) {
      jdbc.sql("ANALYZE billing_run_customer").update();
    }
  }

  private volatile Boolean postgres;

  /** Organizations with an active service: the customers a run opened now would cover. */
  int activeCustomers() {
    return jdbc.sql("SELECT COUNT(*) FROM m365_service WHERE status = 'ACTIVE' AND tenant_id IS NOT NULL")
        .query(Integer.class).single();
  }

  /** Customers the run updated. */
  int doneCount(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND outcome = 'DONE'")
        .param("runId", runId).query(Integer.class).single();
  }

  RunPace pace(String runId) {
    return jdbc.sql("SELECT id, period, csp_requests_per_second FROM billing_run WHERE id = :id").param("id", runId)
        .query((rs, row) -> new RunPace(rs.getString("id"), rs.getString("period"),
            rs.getBigDecimal("csp_requests_per_second").doubleValue()))
        .single();
  }

  List<ChunkCustomer> customersOfChunk(String runId, int chunkNo) {
    return jdbc.sql(CUSTOMERS + " WHERE c.run_id = :runId AND c.chunk_no = :chunkNo ORDER BY c.organization_id")
        .param("runId", runId).param("chunkNo", chunkNo)
        .query((rs, row) -> new ChunkCustomer(customer(rs, row), "RECORDS".equals(rs.getString("read_from")),
            !"PENDING".equals(rs.getString("outcome"))))
        .list();
  }

  List<Customer> failedCustomers(String runId) {
    return jdbc.sql(CUSTOMERS + " WHERE c.run_id = :runId AND c.outcome = 'FAILED' ORDER BY c.organization_id")
        .param("runId", runId).query(BillingRunRepository::customer).list();
  }

  int failedCount(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND outcome = 'FAILED'")
        .param("runId", runId).query(Integer.class).single();
  }

  /**
   * A run's customers with their partner and tenant, each looked up by its key. As a join, PostgreSQL's planner
   * expects a chunk's hundred customers to be about twice as many and hashes every service instead: a scan of all of
   * them per chunk (4.4 ms a chunk at 20,000 customers, 0.6 ms this way), growing with the customers.
   */
  private static final String CUSTOMERS = """
      SELECT c.organization_id, c.read_from, c.outcome,
        (SELECT o.partner_id FROM organization o WHERE o.id = c.organization_id) AS partner_id,
        (SELECT s.tenant_id FROM m365_service s WHERE s.organization_id = c.organization_id) AS tenant_id
      FROM billing_run_customer c""";

  private static Customer customer(ResultSet rs, int row) throws SQLException {
    return new Customer(rs.getString("organization_id"), rs.getString("partner_id"), rs.getString("tenant_id"));
  }

  /**
   * The run's lines and drift for these organizations, replacing what an earlier attempt wrote for those of them in
   * {@code writtenBefore}. Only those are looked for: a first attempt deletes nothing, and a delete by run and
   * organization costs more the more lines the run already has.
   */
  void replaceResults(String runId, String period, Collection<String> organizationIds,
      Collection<String> writtenBefore, List<BillingLine> lines, List<Drift> drifts, Instant now) {
    if (organizationIds.isEmpty()) {
      return;
    }
    if (!writtenBefore.isEmpty()) {
      jdbc.sql("DELETE FROM billing_line WHERE run_id = :runId AND organization_id IN (:ids)")
          .param("runId", runId).param("ids", writtenBefore).update();
      jdbc.sql("DELETE FROM quantity_drift WHERE run_id = :runId AND organization_id IN (:ids)")
          .param("runId", runId).param("ids", writtenBefore).update();
    }
    // Positional: a sweep writes a line per subscription, and with fifteen named values per line the write was a
    // third of a chunk's samples in cspflow's JVM (JFR of a sweep), a sixth this way
    batch.getJdbcOperations().batchUpdate("""
        INSERT INTO billing_line (run_id, period, partner_id, organization_id, subscription_id, catalog_item_id,
          product, quantity, unit_price, amount, currency, term_duration, billing_cycle, cost_unit_price, cost_amount)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines, 1000, (statement, line) -> {
          statement.setString(1, runId);
          statement.setString(2, period);
          statement.setString(3, line.partnerId());
          statement.setString(4, line.organizationId());
          statement.setString(5, line.subscriptionId());
          statement.setString(6, line.catalogItemId());
          statement.setString(7, line.product());
          statement.setInt(8, line.quantity());
          statement.setBigDecimal(9, line.unitPrice());
          statement.setBigDecimal(10, line.amount());
          statement.setString(11, line.currency());
          statement.setString(12, line.termDuration());
          statement.setString(13, line.billingCycle());
          statement.setBigDecimal(14, line.costUnitPrice());
          statement.setBigDecimal(15, line.costAmount());
        });
    batch.batchUpdate("""
        INSERT INTO quantity_drift (run_id, organization_id, subscription_id, kind, our_quantity, csp_quantity,
          our_status, csp_status, detail, found_by, found_at)
        VALUES (:runId, :organizationId, :subscriptionId, :kind, :ourQuantity, :cspQuantity, :ourStatus, :cspStatus,
          :detail, :foundBy, :foundAt)""",
        drifts.stream().map(drift -> new MapSqlParameterSource().addValue("runId", runId)
            .addValue("organizationId", drift.organizationId()).addValue("subscriptionId", drift.subscriptionId())
            .addValue("kind", drift.kind().name()).addValue("ourQuantity", drift.ourQuantity())
            .addValue("cspQuantity", drift.cspQuantity()).addValue("ourStatus", drift.ourStatus())
            .addValue("cspStatus", drift.cspStatus()).addValue("detail", drift.detail(), java.sql.Types.VARCHAR)
            .addValue("foundBy", drift.foundBy() == null ? null : drift.foundBy().name(), java.sql.Types.VARCHAR)
            .addValue("foundAt", drift.foundBy() == null ? null
                : Timestamp.from(drift.foundAt() == null ? now : drift.foundAt()), java.sql.Types.TIMESTAMP))
            .toArray(MapSqlParameterSource[]::new));
  }

  void recordOutcomes(String runId, List<CustomerOutcome> outcomes) {
    batch.batchUpdate("""
        UPDATE billing_run_customer SET outcome = :outcome, subscriptions = :subscriptions, failure = :failure
        WHERE run_id = :runId AND organization_id = :organizationId""",
        outcomes.stream().map(o -> new MapSqlParameterSource().addValue("runId", runId)
            .addValue("organizationId", o.organizationId()).addValue("outcome", o.outcome().name())
            .addValue("subscriptions", o.subscriptions())
            .addValue("failure", o.failure() == null ? null : TextColumns.fitted(o.failure(), 1024)))
            .toArray(MapSqlParameterSource[]::new));
  }

  /**
   * Sums the run up, lets go of its period, and makes its lines the period's billing material by removing those
   * of earlier runs of the same period.
   */
  RunSummary close(String runId, Instant now) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    jdbc.sql("SELECT currency, SUM(amount) AS total FROM billing_line WHERE run_id = :runId GROUP BY currency")
        .param("runId", runId)
        .query((rs, row) -> totals.put(rs.getString("currency").trim(), rs.getBigDecimal("total"))).list();
    jdbc.sql("""
        UPDATE billing_run SET status = 'COMPLETED', active_period = NULL, finished_at = :now,
          subscriptions = (SELECT COALESCE(SUM(subscriptions), 0) FROM billing_run_customer WHERE run_id = :runId),
          billing_lines = (SELECT COUNT(*) FROM billing_line WHERE run_id = :runId),
          drift_count = (SELECT COUNT(*) FROM quantity_drift WHERE run_id = :runId),
          failed_customers = (SELECT COUNT(*) FROM billing_run_customer WHERE run_id = :runId AND outcome = 'FAILED'),
          totals = :totals
        WHERE id = :runId""")
        .param("now", Timestamp.from(now)).param("runId", runId).param("totals", RunSummary.formatTotals(totals))
        .update();
    RunSummary summary = run(runId).orElseThrow();
    jdbc.sql("DELETE FROM billing_line WHERE period = :period AND run_id <> :runId")
        .param("period", summary.period()).param("runId", runId).update();
    return summary;
  }

  Optional<RunSummary> run(String runId) {
    return jdbc.sql("SELECT * FROM billing_run WHERE id = :id").param("id", runId).query(RunSummary::map).optional();
  }

  List<RunSummary> runsOf(String period) {
    return jdbc.sql("SELECT * FROM billing_run WHERE period = :period ORDER BY started_at DESC")
        .param("period", period).query(RunSummary::map).list();
  }

  /** The run whose lines are the period's billing material: the last one that completed. */
  Optional<RunSummary> latestCompleted(String period) {
    return jdbc.sql("""
        SELECT * FROM billing_run WHERE period = :period AND status = 'COMPLETED'
        ORDER BY finished_at DESC, started_at DESC FETCH FIRST 1 ROWS ONLY""")
        .param("period", period).query(RunSummary::map).optional();
  }

  List<BillingLineView> lines(String runId, String partnerId) {
    return jdbc.sql("""
        SELECT * FROM billing_line WHERE run_id = :runId AND partner_id = :partnerId
        ORDER BY organization_id, product, subscription_id""")
        .param("runId", runId).param("partnerId", partnerId)
        .query((rs, row) -> new BillingLineView(rs.getString("period"), rs.getString("partner_id"),
            rs.getString("organization_id"), rs.getString("subscription_id"), rs.getString("catalog_item_id"),
            rs.getString("product"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
            rs.getBigDecimal("amount"), rs.getString("currency").trim(), rs.getString("term_duration"),
            rs.getString("billing_cycle"), rs.getBigDecimal("cost_unit_price"), rs.getBigDecimal("cost_amount")))
        .list();
  }

  List<DriftView> drift(String runId) {
    return jdbc.sql("SELECT * FROM quantity_drift WHERE run_id = :runId ORDER BY organization_id, subscription_id, kind")
        .param("runId", runId)
        .query((rs, row) -> new DriftView(rs.getString("organization_id"), rs.getString("subscription_id"),
            rs.getString("kind"), (Integer) rs.getObject("our_quantity"), (Integer) rs.getObject("csp_quantity"),
            rs.getString("our_status"), rs.getString("csp_status"), rs.getString("detail"), rs.getString("found_by"),
            rs.getTimestamp("found_at") == null ? null : rs.getTimestamp("found_at").toInstant()))
        .list();
  }

  List<FailedCustomerView> failures(String runId) {
    return jdbc.sql("""
        SELECT organization_id, failure FROM billing_run_customer WHERE run_id = :runId AND outcome = 'FAILED'
        ORDER BY organization_id""")
        .param("runId", runId)
        .query((rs, row) -> new FailedCustomerView(rs.getString("organization_id"), rs.getString("failure")))
        .list();
  }
}
