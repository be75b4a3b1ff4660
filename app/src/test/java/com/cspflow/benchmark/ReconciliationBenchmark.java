package com.cspflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowApplication;
import com.cspflow.catalog.CatalogService;
import com.cspflow.reconciliation.Reconciliations;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxInitializer;
import com.cspflow.support.SandboxProcess;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * Reconciliation at marketplace scale, on the database SPRING_DATASOURCE_URL points at, with the job executor
 * running. The sandbox is seeded in bulk with customers whose 5 subscriptions each this partner bought today (so
 * Microsoft's export holds their purchases), and our records and charge lines are written alongside. Then, per step
 * ({@code benchmark.customers}, default 2,000 and 20,000 customers: 10,000 and 100,000 subscriptions):
 *
 * <ol>
 *   <li>the whole chain over REST as the back office starts it: Microsoft's export asked for, polled, downloaded and
 *       stored, then matched: seconds from the POST to the instance's end;
 *   <li>the match alone ({@link Reconciliations#reconcile}: both sides read, matched, the result written), 3 rounds;
 *   <li>the floor, 3 rounds: a plain JDBC join of the same rows (Microsoft's lines with ours on subscription, charge
 *       type and days), every row read.
 * </ol>
 *
 * Medians, ranges and the ratio go to target/benchmarks/reconciliation.txt. Not part of {@code mvn verify}: see
 * README, "Benchmarks".
 */
@TestExecutionListeners(listeners = DependencyInjectionTestExecutionListener.class)
@Tag("benchmark")
@SpringBootTest(classes = CspflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "camunda.bpm.job-execution.enabled=true",
        "cspflow.reconciliation.poll-interval=PT1S",
        "logging.level.com.cspflow=WARN",
        "logging.level.org.camunda.bpm.engine.jobexecutor=WARN"})
@ActiveProfiles({"embedded", "test", "benchmark"})
@ContextConfiguration(initializers = SandboxInitializer.class)
class ReconciliationBenchmark {

  static final int SUBSCRIPTIONS_PER_CUSTOMER = 5;
  static final int PARTNERS = 50;
  static final int ROUNDS = 3;
  static final List<String> OFFERS = List.of("CFQ7TTC0LH18:0001:CFQ7TTC09644", "CFQ7TTC0LDPB:0001:CFQ7TTC0CAB9",
      "CFQ7TTC0LCHC:0001:CFQ7TTC0ECB9", "CFQ7TTC0LFLZ:0001:CFQ7TTC086A7", "CFQ7TTC0LH16:0001:CFQ7TTC09F3D");

  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;
  @Autowired NamedParameterJdbcTemplate batch;
  @Autowired Reconciliations reconciliations;
  @Autowired CatalogService catalog;
  @Autowired Environment environment;

  private final List<String> report = new ArrayList<>();
  private int seeded;

  @Test
  void reconciliationAtScale() throws Exception {
    report("Reconciliation benchmark, " + Instant.now() + ", database " + environment.getProperty(
        "spring.datasource.url") + ", " + Runtime.getRuntime().availableProcessors() + " cores; medians of "
        + ROUNDS + " rounds [min-max]");
    report(String.format("%-14s %-12s %12s %22s %22s %14s %10s", "subscriptions", "lines", "chain (s)",
        "match (s)", "floor (s)", "lines/s match", "ratio"));
    String period = YearMonth.now(ZoneOffset.UTC).toString();
    for (int customers : steps()) {
      seedUpTo(customers);
      long started = System.nanoTime();
      String exportId = chain();
      double chain = (System.nanoTime() - started) / 1e9;
      int lines = jdbc.sql("SELECT COUNT(*) FROM microsoft_charge WHERE export_id = :id").param("id", exportId)
          .query(Integer.class).single();
      double[] match = new double[ROUNDS];
      double[] floor = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        long t = System.nanoTime();
        Reconciliations.Reconciliation result = reconciliations.reconcile(period, exportId, "EUR");
        match[round] = (System.nanoTime() - t) / 1e9;
        assertThat(result.totals().clean()).as("every line matches").isTrue();
        assertThat(result.totals().matched()).isEqualTo(lines);
        t = System.nanoTime();
        assertThat(floor(exportId, period)).isEqualTo(lines);
        floor[round] = (System.nanoTime() - t) / 1e9;
      }
      double matchMedian = median(match);
      double floorMedian = median(floor);
      report(String.format("%-14d %-12d %12.1f %22s %22s %14.0f %10.1f", seeded * SUBSCRIPTIONS_PER_CUSTOMER,
          lines, chain, spread(match), spread(floor), lines / matchMedian, matchMedian / floorMedian));
    }
    Path file = Path.of("target", "benchmarks", "reconciliation.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
  }

  /** POST, then wait for the instance to end; returns the export's id. */
  private String chain() throws InterruptedException {
    var accepted = http.withBasicAuth("backoffice", "backoffice").postForEntity("/api/billing/reconciliations",
        Map.of("billingPeriod", "current"), Map.class);
    assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    String exportId = (String) accepted.getBody().get("exportId");
    for (int wait = 0; wait < 36_000; wait++) {
      Integer open = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = :key")
          .param("key", exportId).query(Integer.class).single();
      if (open == 0) {
        return exportId;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The reconciliation did not end within an hour");
  }

  /** The floor: Microsoft's lines joined with ours on the match's key, every row read. */
  private int floor(String exportId, String period) {
    YearMonth month = YearMonth.parse(period);
    int[] rows = {0};
    jdbc.sql("""
        SELECT m.subscription_id, m.charge_type, m.quantity, m.subtotal, c.quantity, c.cost, c.partner_id
        FROM microsoft_charge m JOIN charge_line c ON c.subscription_id = m.subscription_id
          AND c.charge_type = 'NEW' AND m.charge_type = 'new'
        WHERE m.export_id = :exportId AND c.starts_at >= :from AND c.starts_at < :to""")
        .param("exportId", exportId)
        .param("from", Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("to", Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
        .query(rs -> {
          rows[0]++;
        });
    return rows[0];
  }

  private void seedUpTo(int customers) {
    long started = System.nanoTime();
    Instant now = Instant.now();
    if (seeded == 0) {
      for (int p = 0; p < PARTNERS; p++) {
        jdbc.sql("""
            INSERT INTO partner (id, mpn_id, contact_name, contact_email, status, requested_at, activated_at)
            VALUES (:id, '1234567', 'Bench Partner', 'bench@partner.example', 'ACTIVE', :now, :now)""")
            .param("id", "recon-partner-" + p).param("now", Timestamp.from(now)).update();
      }
    }
    Map<String, BigDecimal> prices = new HashMap<>();
    for (String offer : OFFERS) {
      prices.put(offer, catalog.offer(offer).orElseThrow().price("P1Y", "monthly", LocalDate.now(ZoneOffset.UTC))
          .orElseThrow().unitPrice());
    }
    while (seeded < customers) {
      int count = Math.min(1000, customers - seeded);
      List<Map<String, Object>> tenants = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS_PER_CUSTOMER; s++) {
          subscriptions.add(Map.of("catalogItemId", OFFERS.get(s), "quantity", 5 + (seeded + i + s) % 40,
              "termDuration", "P1Y", "billingCycle", "monthly", "purchasedDaysAgo", 0, "chargedToPartner", true));
        }
        tenants.add(Map.of("domain", "recon" + (seeded + i) + "x" + UUID.randomUUID().toString().substring(0, 6),
            "companyName", "Recon customer " + (seeded + i), "relationshipToPartner", "reseller",
            "agreementConfirmed", true, "subscriptions", subscriptions));
      }
      Instant bought = Instant.now();
      var answer = SandboxAdmin.adminClient(SandboxProcess.forTests()).postForEntity("/tenants/bulk",
          Map.of("tenants", tenants), Map.class);
      assertThat(answer.getStatusCode().value()).isEqualTo(201);
      recordAsOurs((List<Map<String, Object>>) answer.getBody().get("tenants"), bought, prices);
      seeded += count;
    }
    report(String.format("seeded up to %d customers (%d subscriptions) in %.1f s", customers,
        customers * SUBSCRIPTIONS_PER_CUSTOMER, (System.nanoTime() - started) / 1e9));
  }

  /** Our organizations, subscriptions and each purchase's charge line, as cspflow would have written them. */
  private void recordAsOurs(List<Map<String, Object>> tenants, Instant bought, Map<String, BigDecimal> prices) {
    Timestamp at = Timestamp.from(bought);
    Timestamp end = Timestamp.from(bought.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
    Timestamp cycleEnd = Timestamp.from(bought.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
    int cycleDays = (int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.ofInstant(bought, ZoneOffset.UTC),
        LocalDate.ofInstant(cycleEnd.toInstant(), ZoneOffset.UTC));
    List<MapSqlParameterSource> organizations = new ArrayList<>();
    List<MapSqlParameterSource> subscriptions = new ArrayList<>();
    List<MapSqlParameterSource> lines = new ArrayList<>();
    for (int i = 0; i < tenants.size(); i++) {
      Map<String, Object> tenant = tenants.get(i);
      String organization = UUID.randomUUID().toString();
      String partner = "recon-partner-" + ((seeded + i) % PARTNERS);
      organizations.add(new MapSqlParameterSource().addValue("id", organization).addValue("partner", partner)
          .addValue("name", "Recon customer " + (seeded + i)).addValue("tenant", tenant.get("tenantId"))
          .addValue("domain", tenant.get("domain")).addValue("now", at));
      for (Map<String, Object> subscription : (List<Map<String, Object>>) tenant.get("subscriptions")) {
        String item = (String) subscription.get("catalogItemId");
        int quantity = ((Number) subscription.get("quantity")).intValue();
        BigDecimal price = prices.get(item);
        subscriptions.add(new MapSqlParameterSource().addValue("id", subscription.get("id"))
            .addValue("organization", organization).addValue("item", item)
            .addValue("name", subscription.get("offerName")).addValue("quantity", quantity).addValue("start", at)
            .addValue("end", end));
        lines.add(new MapSqlParameterSource().addValue("id", UUID.randomUUID().toString())
            .addValue("subscription", subscription.get("id")).addValue("organization", organization)
            .addValue("partner", partner).addValue("item", item).addValue("product", subscription.get("offerName"))
            .addValue("start", at).addValue("end", cycleEnd).addValue("cycleDays", cycleDays)
            .addValue("quantity", quantity).addValue("unit", price)
            .addValue("cost", price.multiply(BigDecimal.valueOf(quantity))).addValue("now", at));
      }
    }
    batch.batchUpdate("""
        INSERT INTO organization (id, partner_id, name, contact_first_name, contact_last_name, contact_email,
          contact_phone, street, postal_code, city, country, details_complete, created_at, updated_at)
        VALUES (:id, :partner, :name, 'Anna', 'Andersson', 'anna@customer.example', '+46 8 123 456',
          'Drottninggatan 1', '111 51', 'Stockholm', 'SE', TRUE, :now, :now)""",
        organizations.toArray(MapSqlParameterSource[]::new));
    batch.batchUpdate("""
        INSERT INTO m365_service (organization_id, mode, status, domain, tenant_id, requested_at, activated_at)
        VALUES (:id, 'MIGRATE', 'ACTIVE', :domain, :tenant, :now, :now)""",
        organizations.toArray(MapSqlParameterSource[]::new));
    batch.batchUpdate("""
        INSERT INTO subscription (id, organization_id, catalog_item_id, offer_name, quantity, status, term_duration,
          billing_cycle, start_date, commitment_end_date, origin, updated_at)
        VALUES (:id, :organization, :item, :name, :quantity, 'ACTIVE', 'P1Y', 'monthly', :start, :end, 'ORDERED',
          :start)""", subscriptions.toArray(MapSqlParameterSource[]::new));
    batch.batchUpdate("""
        INSERT INTO charge_line (id, subscription_id, organization_id, partner_id, catalog_item_id, product, charge_type,
          cause, term_duration, billing_cycle, starts_at, ends_at, days, cycle_days, quantity, cost_unit_price, cost,
          sale_unit_price, sale, currency, created_at)
        VALUES (:id, :subscription, :organization, :partner, :item, :product, 'NEW', 'order:bench', 'P1Y', 'monthly',
          :start, :end, :cycleDays, :cycleDays, :quantity, :unit, :cost, :unit, :cost, 'EUR', :now)""",
        lines.toArray(MapSqlParameterSource[]::new));
  }

  private void report(String line) {
    System.out.println("[reconciliation benchmark] " + line);
    report.add(line);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String spread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format("%.2f [%.2f-%.2f]", median(values), sorted[0], sorted[sorted.length - 1]);
  }

  private static int[] steps() {
    String steps = System.getProperty("benchmark.customers", "2000,20000");
    return Arrays.stream(steps.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
