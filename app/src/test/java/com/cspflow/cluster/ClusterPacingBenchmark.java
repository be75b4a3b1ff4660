package com.cspflow.cluster;

import static com.cspflow.cluster.PortalClient.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, target 3: one budget toward Partner Center for the whole cluster. Two nodes (the built jar, each in a
 * JVM of its own) on one fresh PostgreSQL database run the monthly update paced just under the limit the sandbox
 * (its own process) enforces on list-subscriptions with 429 + Retry-After ({@code benchmark.pace-share}, 97 % of
 * {@code benchmark.limit}, 20/s). Per round: the rate the sandbox answered
 * while both nodes ran chunks, then, after one node is killed with {@code kill -9}, the rate the survivor alone
 * reached; each with its share of 429s. Medians and ranges of {@code benchmark.repeats} rounds (3) go to
 * {@code target/benchmarks/cluster-pacing.txt}. Not part of {@code mvn verify}: README, "Benchmarks".
 */
@Tag("benchmark")
class ClusterPacingBenchmark {

  static final double LIMIT = Double.parseDouble(System.getProperty("benchmark.limit", "20"));
  /** The pace the runs ask for, as a share of the limit: the target is at least 95 % achieved. */
  static final double SHARE = Double.parseDouble(System.getProperty("benchmark.pace-share", "0.97"));
  static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 1_600);
  static final int ROUNDS = Integer.getInteger("benchmark.repeats", 3);
  static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("benchmark.window-seconds", 25));
  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String OPERATION = "list-subscriptions";

  static final List<NodeProcess> started = new ArrayList<>();
  final List<String> report = new ArrayList<>();

  @AfterAll
  static void stop() {
    started.forEach(node -> {
      if (node.alive()) {
        node.kill();
      }
    });
  }

  record Window(long calls, long throttled, double seconds) {

    double achieved() {
      return (calls - throttled) / seconds;
    }

    double throttledShare() {
      return calls == 0 ? 0 : 100.0 * throttled / calls;
    }
  }

  @Test
  void twoNodesTogetherKeepThePartnersBudgetAndOneAloneGetsAllOfIt() throws Exception {
    Assumptions.assumeTrue(String.valueOf(System.getenv("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql:"),
        "two nodes share a PostgreSQL database");
    ClusterDatabase database = ClusterDatabase.fresh();
    SandboxProcess sandbox = SandboxProcess.forTests();
    SandboxAdmin sandboxAdmin = new SandboxAdmin(sandbox);
    NodeProcess[] nodes = {NodeProcess.on(database, sandbox, "node-a", Map.of()),
        NodeProcess.on(database, sandbox, "node-b", Map.of())};
    started.addAll(List.of(nodes));
    nodes[0].start();
    nodes[1].start();
    nodes[0].awaitReady(Duration.ofMinutes(3));
    nodes[1].awaitReady(Duration.ofMinutes(3));
    double pace = LIMIT * SHARE;
    report(String.format("Cluster pacing benchmark, %s: sandbox limit %.1f req/s on %s, runs paced at %.2f req/s for "
        + "the cluster, %d customers, %d rounds, windows of %d s, database %s", Instant.now(), LIMIT, OPERATION,
        pace, CUSTOMERS, ROUNDS, WINDOW.toSeconds(), database.url()));
    seed(database, sandbox);

    PortalClient portal = new PortalClient(() -> List.of(nodes[0]));
    List<Window> together = new ArrayList<>();
    List<Window> alone = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      sandboxAdmin.rateLimit(OPERATION, LIMIT);
      String period = String.format("2025-%02d", round);
      PortalClient.Answer asked = portal.postAs(nodes[0], "backoffice", "/api/billing/runs",
          map("period", period, "cspRequestsPerSecond", pace, "fullSweep", true));
      assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
      String runId = asked.body().path("runId").asText();
      awaitCalls(sandboxAdmin);
      Thread.sleep(3_000);
      Map<String, Number> start = sandboxAdmin.faultStats().get(OPERATION);
      Instant from = Instant.now();
      Thread.sleep(WINDOW.toMillis() / 2);
      List<String> busy = nodesHoldingChunks(database);
      Thread.sleep(WINDOW.toMillis() - WINDOW.toMillis() / 2);
      Window both = window(start, sandboxAdmin.faultStats().get(OPERATION), from);
      together.add(both);

      nodes[1].kill();
      Thread.sleep(2_000);
      start = sandboxAdmin.faultStats().get(OPERATION);
      from = Instant.now();
      Thread.sleep(WINDOW.toMillis());
      Window one = window(start, sandboxAdmin.faultStats().get(OPERATION), from);
      alone.add(one);
      report(String.format("round %d: both nodes (%s holding chunks): %.2f req/s = %.1f %% of the limit, %d of %d "
          + "calls answered 429 (%.2f %%); node-a alone after node-b was killed -9: %.2f req/s = %.1f %%, %d of %d "
          + "answered 429 (%.2f %%)", round, String.join(" and ", busy), both.achieved(),
          100 * both.achieved() / LIMIT, both.throttled(), both.calls(), both.throttledShare(), one.achieved(),
          100 * one.achieved() / LIMIT, one.throttled(), one.calls(), one.throttledShare()));
      awaitCompleted(database, runId);
      nodes[1].start();
      nodes[1].awaitReady(Duration.ofMinutes(3));
    }
    sandboxAdmin.clearFaults();
    report(String.format("medians of %d rounds [range]: both nodes %.1f %% of the limit [%.1f-%.1f], 429s %.2f %% "
        + "[%.2f-%.2f]; one node alone %.1f %% [%.1f-%.1f], 429s %.2f %% [%.2f-%.2f]", ROUNDS,
        percentOfLimit(together, 0.5), percentOfLimit(together, 0), percentOfLimit(together, 1),
        throttled(together, 0.5), throttled(together, 0), throttled(together, 1),
        percentOfLimit(alone, 0.5), percentOfLimit(alone, 0), percentOfLimit(alone, 1),
        throttled(alone, 0.5), throttled(alone, 0), throttled(alone, 1)));
    Path file = Path.of("target", "benchmarks", "cluster-pacing.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);

    assertThat(percentOfLimit(together, 0.5)).as("both nodes together, % of the limit").isGreaterThanOrEqualTo(95);
    assertThat(throttled(together, 0.5)).as("both nodes together, % answered 429").isLessThanOrEqualTo(0.5);
    assertThat(percentOfLimit(alone, 0.5)).as("one node alone, % of the limit").isGreaterThanOrEqualTo(95);
    assertThat(throttled(alone, 0.5)).as("one node alone, % answered 429").isLessThanOrEqualTo(0.5);
  }

  private static Window window(Map<String, Number> start, Map<String, Number> end, Instant from) {
    return new Window(end.get("calls").longValue() - start.get("calls").longValue(),
        end.get("throttled").longValue() - start.get("throttled").longValue(),
        Duration.between(from, Instant.now()).toMillis() / 1000.0);
  }

  private static double percentOfLimit(List<Window> windows, double quantile) {
    return 100 * quantile(windows.stream().map(Window::achieved).toList(), quantile) / LIMIT;
  }

  private static double throttled(List<Window> windows, double quantile) {
    return quantile(windows.stream().map(Window::throttledShare).toList(), quantile);
  }

  private static double quantile(List<Double> values, double quantile) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.round(quantile * (sorted.size() - 1)));
  }

  private static void awaitCalls(SandboxAdmin sandbox) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Map<String, Number> stats = sandbox.faultStats().get(OPERATION);
      if (stats != null && stats.get("calls").longValue() > 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("The run made no call to " + OPERATION + " within a minute");
  }

  private static List<String> nodesHoldingChunks(ClusterDatabase database) throws Exception {
    List<String> nodes = new ArrayList<>();
    try (Connection db = database.connect(); Statement query = db.createStatement();
        ResultSet rs = query.executeQuery("SELECT DISTINCT SPLIT_PART(j.LOCK_OWNER_, '@', 1) FROM ACT_RU_JOB j "
            + "JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ WHERE d.ACT_ID_ = 'Task_UpdateChunk' "
            + "AND j.LOCK_EXP_TIME_ > CURRENT_TIMESTAMP ORDER BY 1")) {
      while (rs.next()) {
        nodes.add(rs.getString(1));
      }
    }
    return nodes;
  }

  private static void awaitCompleted(ClusterDatabase database, String runId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      try (Connection db = database.connect(); Statement query = db.createStatement();
          ResultSet rs = query.executeQuery("SELECT status FROM billing_run WHERE id = '" + runId + "'")) {
        if (rs.next() && "COMPLETED".equals(rs.getString(1))) {
          return;
        }
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("Run " + runId + " did not complete within 10 minutes");
  }

  /** Customers at the sandbox (bulk, 1,000 a call) and ours by JDBC, one subscription each, under one partner. */
  private void seed(ClusterDatabase database, SandboxProcess sandbox) throws Exception {
    Instant begin = Instant.now();
    Timestamp now = Timestamp.from(begin);
    String partnerId = "pacing-partner";
    try (Connection db = database.connect()) {
      try (PreparedStatement partner = db.prepareStatement("INSERT INTO partner (id, mpn_id, contact_name, "
          + "contact_email, status, requested_at, activated_at) VALUES (?, '1234567', 'Bench Partner', "
          + "'bench@partner.example', 'ACTIVE', ?, ?)")) {
        partner.setString(1, partnerId);
        partner.setTimestamp(2, now);
        partner.setTimestamp(3, now);
        partner.executeUpdate();
      }
      for (int seeded = 0; seeded < CUSTOMERS; seeded += 1_000) {
        int count = Math.min(1_000, CUSTOMERS - seeded);
        List<Map<String, Object>> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          tenants.add(Map.of("domain", "pacing" + (seeded + i) + "x" + UUID.randomUUID().toString().substring(0, 6),
              "companyName", "Pacing customer " + (seeded + i), "relationshipToPartner", "reseller",
              "agreementConfirmed", true, "subscriptions", List.of(SandboxAdmin.subscription(BUSINESS_BASIC, 5))));
        }
        var answer = SandboxAdmin.adminClient(sandbox).postForEntity("/tenants/bulk", Map.of("tenants", tenants),
            Map.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> created = (List<Map<String, Object>>) answer.getBody().get("tenants");
        try (PreparedStatement organization = db.prepareStatement("INSERT INTO organization (id, partner_id, name, "
            + "contact_first_name, contact_last_name, contact_email, contact_phone, street, postal_code, city, "
            + "country, details_complete, created_at, updated_at) VALUES (?, ?, ?, 'Anna', 'Andersson', "
            + "'anna@customer.example', '+46 8 123 456', 'Drottninggatan 1', '111 51', 'Stockholm', 'SE', TRUE, ?, ?)");
            PreparedStatement service = db.prepareStatement("INSERT INTO m365_service (organization_id, mode, status, "
                + "domain, tenant_id, requested_at, activated_at) VALUES (?, 'MIGRATE', 'ACTIVE', ?, ?, ?, ?)")) {
          for (Map<String, Object> tenant : created) {
            String id = UUID.randomUUID().toString();
            organization.setString(1, id);
            organization.setString(2, partnerId);
            organization.setString(3, "Pacing customer " + tenant.get("domain"));
            organization.setTimestamp(4, now);
            organization.setTimestamp(5, now);
            organization.addBatch();
            service.setString(1, id);
            service.setString(2, (String) tenant.get("domain"));
            service.setString(3, (String) tenant.get("tenantId"));
            service.setTimestamp(4, now);
            service.setTimestamp(5, now);
            service.addBatch();
          }
          organization.executeBatch();
          service.executeBatch();
        }
      }
    }
    report(String.format("seeded %d customers in %d s", CUSTOMERS, Duration.between(begin, Instant.now())
        .toSeconds()));
  }

  private void report(String line) {
    report.add(line);
    System.out.println("[cluster-pacing benchmark] " + line);
  }
}
