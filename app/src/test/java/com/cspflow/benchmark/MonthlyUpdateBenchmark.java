package com.cspflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowApplication;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxInitializer;
import com.cspflow.support.SandboxProcess;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.ContextConfiguration;

/**
 * The monthly update at marketplace scale, on the database SPRING_DATASOURCE_URL points at, with the job
 * executor running. Seeds the sandbox in bulk (5 subscriptions per customer, one in ten of our quantities off by
 * one seat, so that drift is written too) and runs the update over REST, as the back office would:
 *
 * <ol>
 *   <li>for each step of {@code benchmark.customers} (2,000, 10,000 and 20,000 customers: 10,000, 50,000 and 100,000
 *       subscriptions), {@code benchmark.warmup} (2) full sweeps that are reported but not counted, then
 *       {@code benchmark.rounds} (3) measured full sweeps, unpaced, sandbox latency 0: the first warm-up sweeps the
 *       freshly seeded customers (their renewal facts written back, the quantities a seat off corrected), every later
 *       sweep the same customers a month later; each sweep's figures, and the rounds' median and range. The warm-up
 *       is there because the JVMs keep compiling for a few hundred thousand subscriptions on two busy cores (the floor,
 *       the fastest of three writes, is measured warm);
 *   <li>at 2,000 customers, the sandbox throttling list-subscriptions at {@code benchmark.limit} requests/s (default
 *       20) and the run paced at 95 % of it: achieved rate and share of 429s;
 *   <li>after the last step, the incremental run with {@code benchmark.changed} (1 %) of the customers changed, at
 *       {@code benchmark.pace} (8) requests/s for the whole cluster.
 * </ol>
 *
 * For each full sweep, the floor (the same billing lines written by a plain JDBC batch, the fastest of
 * {@code benchmark.floorWrites} (3) writes, so that a slow moment of the machine does not flatter the ratio) and the
 * CPU per subscription of cspflow's JVM, the sandbox's process and PostgreSQL. Results go to
 * target/benchmarks/monthly-update.txt. Not part of {@code mvn verify}: see README, "Benchmarks".
 */
// Only what the benchmark uses (injection): not the process coverage recorder that spring.factories adds to every
// test, which would record each order's flow nodes into the engine being measured.
@TestExecutionListeners(listeners = DependencyInjectionTestExecutionListener.class)
@Tag("benchmark")
@SpringBootTest(classes = CspflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "camunda.bpm.job-execution.enabled=true",
        "cspflow.monthly-update.customers-per-chunk=${benchmark.chunk:100}",
        "cspflow.monthly-update.csp-requests-per-second=0",
        "logging.level.com.cspflow=WARN",
        "logging.level.org.camunda.bpm.engine.jobexecutor=WARN"})
@ActiveProfiles({"embedded", "test", "benchmark"})
@ContextConfiguration(initializers = SandboxInitializer.class)
class MonthlyUpdateBenchmark {

  static final int SUBSCRIPTIONS_PER_CUSTOMER = 5;
  static final int[] CUSTOMER_STEPS = steps();
  static final double LIMIT = Double.parseDouble(System.getProperty("benchmark.limit", "20"));
  static final int THROTTLED_CUSTOMERS = 2000;
  static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
  static final int WARMUP_SWEEPS = Integer.getInteger("benchmark.warmup", 2);
  static final int FLOOR_WRITES = Integer.getInteger("benchmark.floorWrites", 3);
  static final int PARTNERS = 50;
  static final List<String> OFFERS = List.of("CFQ7TTC0LH18:0001:CFQ7TTC09644", "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9",
      "CFQ7TTC0LCHC:0001:CFQ7TTC0ECB9", "CFQ7TTC0LFLZ:0001:CFQ7TTC086A7", "CFQ7TTC0LH16:0001:CFQ7TTC09F3D");

  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired NamedParameterJdbcTemplate batch;
  @Autowired HistoryService historyService;
  @Autowired Environment environment;

  private final List<String> report = new ArrayList<>();
  private int seeded;

  @Test
  void monthlyUpdateAtScale() throws Exception {
    report("Monthly update benchmark, " + Instant.now() + ", database "
        + environment.getProperty("spring.datasource.url") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, chunks of " + environment.getProperty("cspflow.monthly-update.customers-per-chunk")
        + " customers (unpaced), job executor: see application-benchmark.yaml");
    report(String.format("%-22s %-14s %10s %14s %12s %16s %10s", "customers", "subscriptions", "run (s)",
        "ms/subscription", "floor (s)", "ratio run/floor", "drift"));
    for (int customers : CUSTOMER_STEPS) {
      seedUpTo(customers);
      for (int warmup = 1; warmup <= WARMUP_SWEEPS; warmup++) {
        fullSweep(nextPeriod(), customers, warmup == 1 ? " (first, warm-up)" : " (warm-up " + warmup + ")", false);
      }
      List<Double> perSubscription = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        double[] sweep = fullSweep(nextPeriod(), customers, " (round " + round + ")", true);
        perSubscription.add(sweep[0]);
        ratios.add(sweep[1]);
      }
      report(String.format("%d customers, %d subscriptions, %d rounds after %d warm-up sweeps: median %.3f ms per "
              + "subscription [%.3f-%.3f], median ratio to the floor %.1f [%.1f-%.1f]", customers,
          customers * SUBSCRIPTIONS_PER_CUSTOMER, ROUNDS, WARMUP_SWEEPS,
          BenchmarkStats.median(perSubscription), BenchmarkStats.min(perSubscription),
          BenchmarkStats.max(perSubscription), BenchmarkStats.median(ratios), BenchmarkStats.min(ratios),
          BenchmarkStats.max(ratios)));
      if (customers == THROTTLED_CUSTOMERS) {
        throttled(nextPeriod());
      }
    }
    incremental(nextPeriod());
    Path file = Path.of("target", "benchmarks", "monthly-update.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
  }

  /**
   * One full sweep of every seeded customer, reported with the CPU it took and, when {@code counted}, with its floor;
   * returns milliseconds per subscription and the ratio to the floor (NaN when not counted: a warm-up sweep has no
   * floor, which would only lengthen the run). The first sweep of freshly seeded customers also writes the renewal
   * facts Microsoft lists, which our seeded records lack; the later sweeps are the same customers a month later.
   */
  private double[] fullSweep(String period, int customers, String note, boolean counted) throws InterruptedException {
    ProcessCpu cpu = ProcessCpu.now(SandboxProcess.forTests());
    Run run = run(period, null, true);
    String cpuPerSubscription = cpu.perUnitSince(run.subscriptions(), "subscription");
    double floor = counted ? floorSeconds(run.runId()) : Double.NaN;
    double perSubscription = run.seconds() * 1000 / run.subscriptions();
    report(String.format("%-22s %-14d %10.1f %14.3f %12s %16s %10d   %s", customers + note, run.subscriptions(),
        run.seconds(), perSubscription, counted ? String.format("%.2f", floor) : "-",
        counted ? String.format("%.1f", run.seconds() / floor) : "-", run.drift(), cpuPerSubscription));
    assertThat(run.failed()).isZero();
    assertThat(run.subscriptions()).isEqualTo(customers * SUBSCRIPTIONS_PER_CUSTOMER);
    return new double[] {perSubscription, run.seconds() / floor};
  }

  /** Billing periods from 23 months ago on, one per run (a period may be billed up to 24 months back). */
  private String nextPeriod() {
    return YearMonth.now().minusMonths(23).plusMonths(periodsUsed++).toString();
  }

  private int periodsUsed;

  private void throttled(String period) throws InterruptedException {
    SandboxAdmin sandbox = new SandboxAdmin();
    double pace = LIMIT * 0.95;
    sandbox.rateLimit("list-subscriptions", LIMIT);
    try {
      Run run = run(period, pace, true);
      Map<String, Number> calls = sandbox.faultStats().get("list-subscriptions");
      long answered = calls.get("calls").longValue();
      long throttled = calls.get("throttled").longValue();
      double achieved = (answered - throttled) / run.seconds();
      report(String.format("throttled: sandbox limit %.1f req/s, run paced at %.1f req/s, %d customers: "
              + "%d calls in %.1f s = %.2f req/s achieved (%.1f %% of the limit), %d answered 429 (%.2f %%)",
          LIMIT, pace, seeded, answered, run.seconds(), achieved, 100 * achieved / LIMIT, throttled,
          100.0 * throttled / answered));
      assertThat(run.failed()).isZero();
    } finally {
      sandbox.clearFaults();
    }
  }

  /**
   * Issue 20, target 2: after the full sweep of every seeded customer, {@code benchmark.changed} (1 %) of them change
   * a seat count in Microsoft's portal (each an audit record), and the default run, incremental, reads only them at
   * {@code benchmark.pace} (8) requests/s against a sandbox throttling list-subscriptions at the same rate for the
   * whole cluster (429 + Retry-After above it); the others are billed from our records.
   */
  private void incremental(String period) throws InterruptedException {
    double share = Double.parseDouble(System.getProperty("benchmark.changed", "0.01"));
    double pace = Double.parseDouble(System.getProperty("benchmark.pace", "8"));
    SandboxAdmin sandbox = new SandboxAdmin();
    List<Map<String, Object>> changed = jdbc.sql("""
        SELECT m.tenant_id, MIN(s.id) AS subscription_id, MIN(s.quantity) AS quantity FROM m365_service m
        JOIN subscription s ON s.organization_id = m.organization_id
        WHERE m.status = 'ACTIVE' GROUP BY m.organization_id, m.tenant_id ORDER BY m.organization_id""")
        .query().listOfRows();
    int every = (int) Math.max(1, Math.round(1 / share));
    long changing = System.nanoTime();
    int changes = 0;
    for (int i = 0; i < changed.size(); i += every) {
      Map<String, Object> row = changed.get(i);
      sandbox.changeAtMicrosoft((String) row.get("tenant_id"), (String) row.get("subscription_id"),
          50 + changes % 5, null);
      changes++;
    }
    report(String.format("incremental: %d of %d customers changed a seat count in the portal (%.1f s)", changes,
        changed.size(), (System.nanoTime() - changing) / 1e9));
    sandbox.rateLimit("list-subscriptions", pace);
    try {
      Run run = run(period, pace, false);
      Map<String, Number> calls = sandbox.faultStats().get("list-subscriptions");
      long answered = calls.get("calls").longValue();
      long throttled = calls.get("throttled").longValue();
      Map<String, Object> summary = jdbc.sql("SELECT sweep, customers, customers_read FROM billing_run WHERE id = :id")
          .param("id", run.runId()).query().singleRow();
      report(String.format("incremental: %s run of %d customers (%d subscriptions) in %.1f s, %d customers read from "
              + "Microsoft at %.1f req/s (sandbox limit %.1f req/s), %d calls answered, %d with 429 (%.2f %%), %d drift",
          summary.get("sweep"), ((Number) summary.get("customers")).intValue(), run.subscriptions(), run.seconds(),
          ((Number) summary.get("customers_read")).intValue(), pace, pace, answered, throttled,
          answered == 0 ? 0.0 : 100.0 * throttled / answered, run.drift()));
      report(String.format("incremental: a full sweep of the same customers at %.1f req/s would take at least %.0f s "
          + "(%d calls)", pace, changed.size() / pace, changed.size()));
      assertThat(summary.get("sweep")).isEqualTo("INCREMENTAL");
      assertThat(run.failed()).isZero();
      assertThat(run.drift()).isEqualTo(changes);
    } finally {
      sandbox.clearFaults();
    }
  }

  private record Run(String runId, double seconds, int subscriptions, int drift, int failed) {}

  private Run run(String period, Double pace, boolean fullSweep) throws InterruptedException {
    Map<String, Object> request = new java.util.HashMap<>(Map.of("period", period, "fullSweep", fullSweep));
    if (pace != null) {
      request.put("cspRequestsPerSecond", pace);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    long started = System.nanoTime();
    var answer = http.withBasicAuth("backoffice", "backoffice").postForEntity("/api/billing/runs",
        new HttpEntity<>(request, headers), Map.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(String.valueOf(answer.getBody())).isTrue();
    String instance = (String) answer.getBody().get("processInstanceId");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    while (historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count() == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Run of " + period + " not finished after 30 minutes");
      }
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return jdbc.sql("SELECT id, subscriptions, drift_count, failed_customers FROM billing_run "
            + "WHERE process_instance_id = :instance").param("instance", instance)
        .query((rs, row) -> new Run(rs.getString("id"), seconds, rs.getInt("subscriptions"), rs.getInt("drift_count"),
            rs.getInt("failed_customers"))).single();
  }

  /**
   * The run's billing lines written again by a plain JDBC batch, under a throwaway run, {@link #FLOOR_WRITES} times;
   * seconds of the fastest. Right after a run, a write may wait on the server's own catch-up (one took 6.5 s where the
   * next took 3.9 s): the fastest is the floor the run could have had.
   */
  private double floorSeconds(String runId) {
    List<Line> lines = jdbc.sql("SELECT * FROM billing_line WHERE run_id = :runId").param("runId", runId)
        .query((rs, row) -> new Line(rs.getString("period"), rs.getString("partner_id"),
            rs.getString("organization_id"), rs.getString("subscription_id"), rs.getString("catalog_item_id"),
            rs.getString("product"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getString("term_duration"), rs.getString("billing_cycle"),
            rs.getBigDecimal("cost_unit_price"), rs.getBigDecimal("cost_amount"))).list();
    double fastest = Double.MAX_VALUE;
    for (int write = 0; write < FLOOR_WRITES; write++) {
      fastest = Math.min(fastest, floorWrite(lines));
    }
    return fastest;
  }

  /** A billing line as the floor writes it again: every column the run wrote. */
  private record Line(String period, String partnerId, String organizationId, String subscriptionId,
      String catalogItemId, String product, int quantity, BigDecimal unitPrice, BigDecimal amount, String currency,
      String termDuration, String billingCycle, BigDecimal costUnitPrice, BigDecimal costAmount) {}

  /** The lines written once under a throwaway run, which is removed again; seconds of the write alone. */
  private double floorWrite(List<Line> lines) {
    String floorRun = UUID.randomUUID().toString();
    jdbc.sql("""
        INSERT INTO billing_run (id, period, status, trigger_source, csp_requests_per_second, chunk_count, customers,
          started_at) VALUES (:id, '1999-01', 'ABANDONED', 'REQUEST', 0, 0, 0, :now)""")
        .param("id", floorRun).param("now", Timestamp.from(Instant.now())).update();
    long started = System.nanoTime();
    batch.getJdbcOperations().batchUpdate("""
        INSERT INTO billing_line (run_id, period, partner_id, organization_id, subscription_id, catalog_item_id,
          product, quantity, unit_price, amount, currency, term_duration, billing_cycle, cost_unit_price, cost_amount)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines, 1000, (statement, line) -> {
          statement.setString(1, floorRun);
          statement.setString(2, line.period());
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
    double seconds = (System.nanoTime() - started) / 1e9;
    jdbc.sql("DELETE FROM billing_line WHERE run_id = :id").param("id", floorRun).update();
    jdbc.sql("DELETE FROM billing_run WHERE id = :id").param("id", floorRun).update();
    return seconds;
  }

  /** Customers at the sandbox (bulk endpoint, 1,000 a call) and ours, each with five subscriptions. */
  private void seedUpTo(int customers) {
    long started = System.nanoTime();
    Instant now = Instant.now();
    if (seeded == 0) {
      for (int p = 0; p < PARTNERS; p++) {
        jdbc.sql("""
            INSERT INTO partner (id, mpn_id, contact_name, contact_email, status, requested_at, activated_at)
            VALUES (:id, '1234567', 'Bench Partner', 'bench@partner.example', 'ACTIVE', :now, :now)""")
            .param("id", "bench-partner-" + p).param("now", Timestamp.from(now)).update();
      }
    }
    while (seeded < customers) {
      int count = Math.min(1000, customers - seeded);
      List<Map<String, Object>> tenants = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS_PER_CUSTOMER; s++) {
          subscriptions.add(Map.of("catalogItemId", OFFERS.get(s), "quantity", 5 + (seeded + i + s) % 40,
              "termDuration", "P1Y", "billingCycle", "monthly", "purchasedDaysAgo", 40,
              "createdDaysAgo", SandboxAdmin.LONG_STANDING_DAYS));
        }
        tenants.add(Map.of("domain", "bench" + (seeded + i) + "x" + UUID.randomUUID().toString().substring(0, 6),
            "companyName", "Bench customer " + (seeded + i), "relationshipToPartner", "reseller",
            "agreementConfirmed", true, "subscriptions", subscriptions));
      }
      var answer = SandboxAdmin.adminClient(SandboxProcess.forTests()).postForEntity("/tenants/bulk", Map.of("tenants", tenants),
          Map.class);
      assertThat(answer.getStatusCode().value()).isEqualTo(201);
      List<Map<String, Object>> created = (List<Map<String, Object>>) answer.getBody().get("tenants");
      recordAsOurs(created, now);
      seeded += count;
    }
    // What autovacuum does after a bulk load on a production server; the development and CI server here runs with
    // autovacuum off, and without statistics the planner reads a chunk's subscriptions with a sequential scan.
    if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
      jdbc.sql("ANALYZE").update();
    }
    report(String.format("seeded up to %d customers (%d subscriptions) in %.1f s", customers,
        customers * SUBSCRIPTIONS_PER_CUSTOMER, (System.nanoTime() - started) / 1e9));
  }

  private void recordAsOurs(List<Map<String, Object>> tenants, Instant now) {
    Timestamp at = Timestamp.from(now);
    List<MapSqlParameterSource> organizations = new ArrayList<>();
    for (int i = 0; i < tenants.size(); i++) {
      String tenantId = (String) tenants.get(i).get("tenantId");
      organizations.add(new MapSqlParameterSource().addValue("id", UUID.randomUUID().toString())
          .addValue("partner", "bench-partner-" + ((seeded + i) % PARTNERS))
          .addValue("name", "Bench customer " + (seeded + i)).addValue("tenant", tenantId)
          .addValue("domain", tenants.get(i).get("domain")).addValue("now", at));
    }
    MapSqlParameterSource[] rows = organizations.toArray(MapSqlParameterSource[]::new);
    batch.batchUpdate("""
        INSERT INTO organization (id, partner_id, name, contact_first_name, contact_last_name, contact_email,
          contact_phone, street, postal_code, city, country, details_complete, created_at, updated_at)
        VALUES (:id, :partner, :name, 'Anna', 'Andersson', 'anna@customer.example', '+46 8 123 456',
          'Drottninggatan 1', '111 51', 'Stockholm', 'SE', TRUE, :now, :now)""", rows);
    batch.batchUpdate("""
        INSERT INTO m365_service (organization_id, mode, status, domain, tenant_id, requested_at, activated_at)
        VALUES (:id, 'MIGRATE', 'ACTIVE', :domain, :tenant, :now, :now)""", rows);
    List<MapSqlParameterSource> subscriptions = new ArrayList<>();
    Map<String, Object> organizationOf = new java.util.HashMap<>();
    organizations.forEach(o -> organizationOf.put((String) o.getValue("tenant"), o.getValue("id")));
    for (Map<String, Object> tenant : tenants) {
      for (Map<String, Object> subscription : (List<Map<String, Object>>) tenant.get("subscriptions")) {
        String id = (String) subscription.get("id");
        subscriptions.add(new MapSqlParameterSource().addValue("id", id)
            .addValue("organization", organizationOf.get((String) tenant.get("tenantId")))
            .addValue("item", subscription.get("catalogItemId")).addValue("name", subscription.get("offerName"))
            // one in ten of our records is a seat off: the partner changed it in Microsoft's portal
            .addValue("quantity", ((Number) subscription.get("quantity")).intValue()
                - (Math.floorMod(id.hashCode(), 10) == 0 ? 1 : 0))
            .addValue("now", at));
      }
    }
    batch.batchUpdate("""
        INSERT INTO subscription (id, organization_id, catalog_item_id, offer_name, quantity, status, term_duration,
          billing_cycle, origin, updated_at)
        VALUES (:id, :organization, :item, :name, :quantity, 'ACTIVE', 'P1Y', 'monthly', 'MIGRATED', :now)""",
        subscriptions.toArray(MapSqlParameterSource[]::new));
  }

  private void report(String line) {
    System.out.println("[monthly-update benchmark] " + line);
    report.add(line);
  }

  private static int[] steps() {
    String steps = System.getProperty("benchmark.customers", "2000,10000,20000");
    return java.util.Arrays.stream(steps.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
