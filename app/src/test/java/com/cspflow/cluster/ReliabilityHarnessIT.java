package com.cspflow.cluster;

import static com.cspflow.cluster.PortalClient.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxApi;
import com.cspflow.support.SandboxProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * The reliability harness (issue 16): two nodes, each the built jar in a JVM of its own, on one fresh PostgreSQL
 * database, the sandbox as a process of its own failing 20 % of the calls to Microsoft with a 500 and throttling
 * with 429 + Retry-After; the portal orders over both nodes (cut-off POSTs sent again with their Idempotency-Key),
 * changes seats, asks for admin credentials, and starts the monthly update on both nodes at the same moment,
 * while a node is killed with {@code kill -9} three times and restarted. Once that has settled it asks for the
 * monthly update on both nodes at once again and kills a node while the run works. Then it counts from our
 * database, the sandbox and the mail server: nothing lost, nothing twice, one run per pair of requests, the
 * billing lines of a run without faults, no incident a retry would not clear, and the take-over time after each
 * kill. Size by {@code -Dharness.orders} (default 60, CI's small run; the README's benchmark runs 2,000) and
 * {@code -Dharness.customers}; the report goes to {@code target/benchmarks/reliability.txt}. PostgreSQL only:
 * two processes sharing one H2 file database is not something anyone runs.
 */
class ReliabilityHarnessIT {

  static final int ORDERS = Integer.getInteger("harness.orders", 60);
  static final int CUSTOMERS = Integer.getInteger("harness.customers", 4);
  static final int KILLS = Integer.getInteger("harness.kills", 3);
  static final Duration SETTLE = Duration.ofMinutes(Integer.getInteger("harness.settle-minutes", 12));
  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final Pattern ORDER_IN_MAIL = Pattern.compile("Your order ([0-9a-f-]{36})");

  static GreenMail mail;
  static List<NodeProcess> started = new ArrayList<>();

  final List<String> report = new ArrayList<>();
  int fulfilmentDeliveries;

  @AfterAll
  static void stop() {
    started.forEach(node -> {
      if (node.alive()) {
        node.kill();
      }
    });
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void nothingIsLostOrDoneTwiceWhileNodesDieAndMicrosoftFails() throws Exception {
    Assumptions.assumeTrue(String.valueOf(System.getenv("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql:"),
        "two nodes share a PostgreSQL database (CI's second pass)");
    ClusterDatabase database = ClusterDatabase.fresh();
    SandboxProcess sandbox = SandboxProcess.withSettings(Map.of("SANDBOX_ORDER_COMPLETION_DELAY", "2s"));
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    Map<String, String> settings = Map.of("SPRING_MAIL_HOST", "127.0.0.1",
        "SPRING_MAIL_PORT", String.valueOf(mail.getSmtp().getPort()), "CSPFLOW_MAIL_OUTBOX", "",
        "CSPFLOW_PROVISIONING_BACKOFF", "PT1S,PT2S,PT5S", "CSPFLOW_RETRY_CYCLE", "R8/PT3S",
        "CSPFLOW_MONTHLY_UPDATE_PACE", "0", "CSPFLOW_MONTHLY_UPDATE_RETRY_WAIT", "PT5S",
        "CSPFLOW_MONTHLY_UPDATE_CHUNK", "2", "CSPFLOW_RECONCILIATION_POLL_INTERVAL", "PT2S");
    NodeProcess[] nodes = {NodeProcess.on(database, sandbox, "node-a", settings),
        NodeProcess.on(database, sandbox, "node-b", settings)};
    started.addAll(List.of(nodes));
    Instant begin = Instant.now();
    nodes[0].start();
    nodes[1].start();
    nodes[0].awaitReady(Duration.ofMinutes(3));
    nodes[1].awaitReady(Duration.ofMinutes(3));
    PortalClient portal = new PortalClient(() -> up(nodes));
    report("Reliability harness, " + Instant.now() + ": " + ORDERS + " orders over " + CUSTOMERS + " customers, "
        + KILLS + " kills, database " + database.url());

    String partnerId = "harness-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> organizations = customers(portal, partnerId, database);
    report(String.format("setup: partner and %d active customers in %d s", organizations.size(),
        Duration.between(begin, Instant.now()).toSeconds()));

    SandboxAdmin sandboxAdmin = new SandboxAdmin(sandbox);
    sandboxAdmin.faults(Map.of("seed", 16, "operations", Map.of("all", Map.of("latencyMs", 20, "errorRate", 0.2,
        "requestsPerSecond", 40))));
    Map<String, String> acceptedOrders = new ConcurrentHashMap<>();
    List<Long> takeOvers = new CopyOnWriteArrayList<>();
    List<String> monthlyAnswers = new CopyOnWriteArrayList<>();
    String period = YearMonth.now(ZoneId.of("Europe/Stockholm")).toString();
    ExecutorService work = Executors.newFixedThreadPool(6);
    Instant runStart = Instant.now();
    List<Future<?>> load = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String organizationId = organizations.get(i % organizations.size());
      String key = "harness-order-" + i;
      load.add(work.submit(() -> {
        PortalClient.Answer answer = portal.post("/api/partners/" + partnerId + "/orders", map(
            "organizationId", organizationId, "category", "Corporate", "productGroup", "Microsoft 365",
            "catalogItemId", BUSINESS_BASIC, "quantity", 2, "termDuration", "P1M"), key);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        acceptedOrders.put(key, answer.body().path("id").asText());
      }));
    }
    for (String organizationId : organizations) {
      load.add(work.submit(() -> {
        PortalClient.Answer answer = portal.post("/api/partners/" + partnerId + "/organizations/" + organizationId
            + "/admin-credentials", map("recipientEmail", credentialsRecipient(organizationId)),
            "harness-credentials-" + organizationId);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
      }));
    }
    Thread killer = new Thread(() -> {
      for (int kill = 0; kill < KILLS; kill++) {
        sleep(kill == 0 ? 8_000 : 25_000);
        NodeProcess victim = nodes[kill % 2];
        NodeProcess survivor = nodes[(kill + 1) % 2];
        Set<String> heldJobs = jobsLockedBy(database, victim.name());
        Instant killedAt = Instant.now();
        victim.kill();
        report(String.format("kill %d: %s killed -9 at +%d s holding %d locked jobs", kill + 1, victim.name(),
            Duration.between(runStart, killedAt).toSeconds(), heldJobs.size()));
        victim.start();
        long takeOver = awaitTakenOver(database, victim.name(), heldJobs, killedAt);
        takeOvers.add(takeOver);
        report(String.format("kill %d: the dead node's jobs were taken over %d s after the kill (by %s or the "
            + "restarted node)", kill + 1, takeOver, survivor.name()));
        victim.awaitReady(Duration.ofMinutes(3));
      }
    }, "harness-killer");
    killer.start();
    sleep(12_000);
    monthlyAnswers.addAll(askOnBothNodesAtOnce(portal, nodes, work, map("period", period)));
    for (Future<?> call : load) {
      call.get(10, TimeUnit.MINUTES);
    }
    changeSeats(portal, partnerId, database, organizations);
    killer.join(Duration.ofMinutes(10).toMillis());
    report(String.format("load sent in %d s: %d orders accepted (%d POSTs sent again after a node died under them), "
        + "monthly update asked on both nodes: %s", Duration.between(runStart, Instant.now()).toSeconds(),
        acceptedOrders.size(), portal.retriedAfterCutOff(), monthlyAnswers));
    for (NodeProcess node : nodes) {
      node.awaitReady(Duration.ofMinutes(3));
    }

    Instant settled = awaitSettled(database, acceptedOrders.values(), period);
    report(String.format("settled %d s after the load began", Duration.between(runStart, settled).toSeconds()));
    long runsOfTheLoad = countIn(database, "SELECT COUNT(*) FROM billing_run WHERE period = '" + period + "'");

    // The billing material under faults: the period once more, asked on both nodes at the same moment, a node
    // killed while it runs, Microsoft still failing 20 % of the calls.
    List<String> secondAnswers = askOnBothNodesAtOnce(portal, nodes, work, map("period", period,
        "cspRequestsPerSecond", 2));
    Set<String> heldByTheVictim = awaitChunkLockedBy(database, nodes[0].name(), Duration.ofSeconds(30));
    Instant killedInRun = Instant.now();
    nodes[0].kill();
    nodes[0].start();
    long runTakeOver = awaitTakenOver(database, nodes[0].name(), heldByTheVictim, killedInRun);
    takeOvers.add(runTakeOver);
    report(String.format("monthly update asked again on both nodes: %s; node-a killed -9 during it holding %d locked "
        + "jobs, taken over after %d s", secondAnswers, heldByTheVictim.size(), runTakeOver));
    nodes[0].awaitReady(Duration.ofMinutes(3));
    awaitSettled(database, acceptedOrders.values(), period);
    long runsUnderFaults = countIn(database, "SELECT COUNT(*) FROM billing_run WHERE period = '" + period + "'");

    // Every accepted order recorded before Microsoft's charges are compared with ours: an order whose job ran out of
    // retries under the faults waits in an incident, and a reconciliation meanwhile rightly finds Microsoft's charge
    // for it not billed by us (a CI run did: its reconciliation came a second before the retried order's fulfilment).
    sandboxAdmin.clearFaults();
    int incidentsOfTheOrders = retryIncidents(database);
    awaitSettled(database, acceptedOrders.values(), period);

    // Microsoft's charges of the month against ours, Microsoft still failing 20 % of the calls, its export in files of
    // one line served slowly, and the node downloading them killed when some are stored.
    sandboxAdmin.faults(Map.of("seed", 18, "operations", Map.of(
        "all", Map.of("latencyMs", 20, "errorRate", 0.2, "requestsPerSecond", 40),
        "billing-download", Map.of("latencyMs", 250, "errorRate", 0.2, "requestsPerSecond", 40))));
    sandboxAdmin.nextBillingExport(Map.of("failingDownloads", 0, "linesPerBlob", 1));
    PortalClient.Answer reconciliation = portal.postAs(up(nodes).get(0), "backoffice", "/api/billing/reconciliations",
        map("billingPeriod", "current"));
    assertThat(reconciliation.status()).as(reconciliation.body().toString()).isEqualTo(202);
    String exportId = reconciliation.body().path("exportId").asText();
    // Until the first files are stored: the export's request, its readiness polls and the downloads each fail 20 % of
    // the time and wait for the engine's retry, so on a loaded 2-core machine this has taken more than 3 minutes.
    awaitCondition(database, "SELECT COUNT(*) FROM billing_export_file WHERE export_id = '" + exportId + "'", 3,
        Duration.ofMinutes(6));
    NodeProcess downloader = countIn(database, "SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = "
        + "j.JOB_DEF_ID_ WHERE d.ACT_ID_ = 'Task_DownloadLines' AND j.LOCK_OWNER_ LIKE '" + nodes[1].name() + "@%'")
        > 0 ? nodes[1] : nodes[0];
    Set<String> heldWhileDownloading = jobsLockedBy(database, downloader.name());
    long storedAtTheKill = countIn(database, "SELECT COUNT(*) FROM billing_export_file WHERE export_id = '"
        + exportId + "'");
    Instant killedDownloading = Instant.now();
    downloader.kill();
    downloader.start();
    long downloadTakeOver = awaitTakenOver(database, downloader.name(), heldWhileDownloading, killedDownloading);
    takeOvers.add(downloadTakeOver);
    downloader.awaitReady(Duration.ofMinutes(3));
    awaitCondition(database, "SELECT COUNT(*) FROM reconciliation WHERE export_id = '" + exportId + "'", 1,
        Duration.ofMinutes(5));
    report(String.format("reconciliation: %s killed -9 with %d of Microsoft's files stored, taken over after %d s",
        downloader.name(), storedAtTheKill, downloadTakeOver));

    sandboxAdmin.clearFaults();
    int incidentsBeforeRetry = retryIncidents(database);
    awaitSettled(database, acceptedOrders.values(), period);
    int deliveriesAsked = answerPasswordArrivals(portal, nodes, database);
    work.shutdownNow();

    try (Connection db = database.connect()) {
      long lost = count(db, "SELECT COUNT(*) FROM subscription_order WHERE status NOT IN ('FULFILLED', 'FAILED') "
          + "OR (status = 'FAILED' AND failure_reason IS NULL)");
      long ours = count(db, "SELECT COUNT(*) FROM subscription_order");
      long fulfilled = count(db, "SELECT COUNT(*) FROM subscription_order WHERE status = 'FULFILLED'");
      long failed = count(db, "SELECT COUNT(*) FROM subscription_order WHERE status = 'FAILED'");
      Map<String, Integer> atMicrosoft = ordersAtMicrosoft(db, sandbox);
      long microsoftOrders = atMicrosoft.values().stream().mapToLong(Integer::intValue).sum();
      long placed = count(db, "SELECT COUNT(*) FROM subscription_order WHERE csp_order_id IS NOT NULL");
      Map<String, Set<String>> fulfilmentMails = fulfilmentMailsPerOrder();
      long mailedTwice = fulfilmentMails.values().stream().filter(ids -> ids.size() > 1).count();
      long deliveredAgain = fulfilmentDeliveries - fulfilmentMails.values().stream().mapToInt(Set::size).sum();
      long notMailed = count(db, "SELECT COUNT(*) FROM subscription_order WHERE status = 'FULFILLED'")
          - fulfilmentMails.size();
      Map<String, Integer> passwordMails = passwordMailsPerOrganization();
      long incidents = count(db, "SELECT COUNT(*) FROM ACT_RU_INCIDENT");
      long credentialsUnsent = count(db, "SELECT COUNT(*) FROM admin_credentials_issue WHERE issued_at IS NULL");
      report(String.format("orders: %d accepted, %d in our database (%d fulfilled, %d failed with a reason), "
          + "%d neither (lost); at Microsoft %d orders for our %d placed (%d twice)", acceptedOrders.size(), ours,
          fulfilled, failed, lost, microsoftOrders, placed, microsoftOrders - placed));
      report(String.format("mails: fulfilment mails for %d orders, %d mailed twice (two different mails), %d "
          + "fulfilled not mailed, %d deliveries of a mail already delivered (same Message-ID: a re-send after a "
          + "kill, which mail clients show once); password mails for %d of %d organizations, %d organizations with "
          + "more than one", fulfilmentMails.size(), mailedTwice, notMailed, deliveredAgain, passwordMails.size(),
          organizations.size(),
          passwordMails.values().stream().filter(n -> n > 1).count()));
      report(String.format("admin credentials: %d password mails of unknown delivery (a node killed between handing "
          + "one to the mail server and its answer) asked about, %d issues left unsent", deliveriesAsked,
          credentialsUnsent));
      report(String.format("monthly update: %d run(s) of %s after two requests at once during the load, %d after "
          + "two more; incidents: %d retried before the reconciliation, %d after it, %d left", runsOfTheLoad, period,
          runsUnderFaults, incidentsOfTheOrders, incidentsBeforeRetry, incidents));
      report("take-over after each kill (s): " + takeOvers);
      List<String> linesUnderFaults = billingLines(db, period);
      String rerun = rerunWithoutFaults(portal, nodes[0], database, period);
      List<String> linesWithoutFaults = billingLinesOfRun(db, rerun);
      report(String.format("billing lines: %d of the run under faults, %d of a run without faults, identical: %s",
          linesUnderFaults.size(), linesWithoutFaults.size(), linesUnderFaults.equals(linesWithoutFaults)));
      long files = count(db, "SELECT file_count FROM billing_export WHERE id = '" + exportId + "'");
      long filesStored = count(db, "SELECT COUNT(*) FROM billing_export_file WHERE export_id = '" + exportId + "'");
      long linesAnnounced = count(db, "SELECT COALESCE(SUM(lines), 0) FROM billing_export_file WHERE export_id = '"
          + exportId + "'");
      long linesStored = count(db, "SELECT COUNT(*) FROM microsoft_charge WHERE export_id = '" + exportId + "'");
      String reconciled = "FROM reconciliation_item i JOIN reconciliation r ON r.id = i.reconciliation_id "
          + "WHERE r.export_id = '" + exportId + "' AND i.partner_id = '" + partnerId + "'";
      long matched = count(db, "SELECT COUNT(*) " + reconciled + " AND i.outcome = 'MATCHED'");
      long unmatched = count(db, "SELECT COUNT(*) " + reconciled + " AND i.outcome <> 'MATCHED'");
      long ourLines = count(db, "SELECT COUNT(*) FROM charge_line WHERE partner_id = '" + partnerId + "'");
      report(String.format("reconciliation: %d of %d files stored, %d lines stored for %d in the files; the "
          + "partner's charges: %d matched, %d not, of our %d charge lines", filesStored, files, linesStored,
          linesAnnounced, matched, unmatched, ourLines));
      write();

      assertThat(filesStored).as("Microsoft's files, each once").isEqualTo(files).isGreaterThan(storedAtTheKill);
      assertThat(linesStored).as("Microsoft's lines, each once").isEqualTo(linesAnnounced);
      assertThat(unmatched).as("the partner's charges that do not match Microsoft's").isZero();
      assertThat(matched).as("the partner's charges").isGreaterThan(0).isLessThanOrEqualTo(ourLines);
      assertThat(ours).as("orders in our database").isEqualTo(acceptedOrders.size());
      assertThat(lost).as("orders neither fulfilled nor failed with a reason").isZero();
      assertThat(microsoftOrders).as("orders at Microsoft: one per placed order").isEqualTo(placed);
      assertThat(mailedTwice).as("orders mailed twice").isZero();
      assertThat(notMailed).as("fulfilled orders never mailed").isZero();
      assertThat(passwordMails).as("one password mail per organization").hasSize(organizations.size())
          .allSatisfy((organization, count) -> assertThat(count).isEqualTo(1));
      assertThat(credentialsUnsent).as("admin credentials issues left unsent").isZero();
      assertThat(runsOfTheLoad).as("runs opened by two requests at once").isEqualTo(1);
      assertThat(runsUnderFaults).as("runs opened by two more requests at once").isEqualTo(2);
      assertThat(incidents).as("incidents a retry does not clear").isZero();
      assertThat(linesUnderFaults).isEqualTo(linesWithoutFaults).isNotEmpty();
      assertThat(takeOvers).hasSize(KILLS + 2).allSatisfy(seconds -> assertThat(seconds).isLessThanOrEqualTo(60));
    }
  }

  private static List<String> askOnBothNodesAtOnce(PortalClient portal, NodeProcess[] nodes, ExecutorService work,
      Map<String, Object> request) throws InterruptedException {
    List<Future<PortalClient.Answer>> asked = new ArrayList<>();
    for (NodeProcess node : up(nodes)) {
      asked.add(work.submit(() -> portal.postAs(node, "backoffice", "/api/billing/runs", request)));
    }
    List<String> answers = new ArrayList<>();
    for (Future<PortalClient.Answer> answer : asked) {
      try {
        answers.add(String.valueOf(answer.get(2, TimeUnit.MINUTES).status()));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException cutOffByAKill) {
        answers.add("cut off");
      }
    }
    return answers;
  }

  /** The jobs the node holds once it holds a chunk of the monthly update (or whatever it holds at the limit). */
  private static Set<String> awaitChunkLockedBy(ClusterDatabase database, String node, Duration limit)
      throws SQLException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline) && countIn(database, "SELECT COUNT(*) FROM ACT_RU_JOB j JOIN "
        + "ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ WHERE d.ACT_ID_ = 'Task_UpdateChunk' AND j.LOCK_OWNER_ LIKE '"
        + node + "@%' AND j.LOCK_EXP_TIME_ > CURRENT_TIMESTAMP") == 0) {
      sleep(100);
    }
    return jobsLockedBy(database, node);
  }

  private static long countIn(ClusterDatabase database, String sql) throws SQLException {
    try (Connection db = database.connect()) {
      return count(db, sql);
    }
  }

  /** A partner with its service, and {@link #CUSTOMERS} organizations with Microsoft 365 active. */
  private List<String> customers(PortalClient portal, String partnerId, ClusterDatabase database) throws Exception {
    assertThat(portal.post("/api/partners/" + partnerId + "/microsoft365", map("mpnId", "1234567",
        "contactName", "Harness Partner", "contactEmail", "partner@harness.example"), "harness-partner").status())
        .isEqualTo(202);
    List<String> organizations = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      PortalClient.Answer created = portal.post("/api/partners/" + partnerId + "/organizations", map(
          "organizationName", "Harness customer " + i, "contactFirstName", "Anna", "contactLastName", "Andersson",
          "contactEmail", "anna@harness.example", "contactPhone", "+46 8 123 456", "street", "Storgatan " + i,
          "postalCode", "111 51", "city", "Stockholm", "country", "SE"), "harness-organization-" + i);
      assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
      organizations.add(created.body().path("id").asText());
    }
    awaitCondition(database, "SELECT COUNT(*) FROM partner WHERE status = 'ACTIVE' AND id = '" + partnerId + "'", 1,
        Duration.ofMinutes(3));
    for (String organizationId : organizations) {
      PortalClient.Answer activation = portal.post("/api/partners/" + partnerId + "/organizations/" + organizationId
          + "/microsoft365", map("mode", "NEW_TENANT", "domainPrefix", "harness" + organizationId.substring(0, 8)
          .replace("-", ""), "agreementConfirmed", true, "confirmedBy", "Harness"), "harness-activation-"
          + organizationId);
      assertThat(activation.status()).as(activation.body().toString()).isEqualTo(202);
    }
    awaitCondition(database, "SELECT COUNT(*) FROM m365_service WHERE status = 'ACTIVE'", organizations.size(),
        Duration.ofMinutes(5));
    return organizations;
  }

  private void changeSeats(PortalClient portal, String partnerId, ClusterDatabase database,
      List<String> organizations) throws SQLException {
    try (Connection db = database.connect()) {
      for (String organizationId : organizations) {
        List<String> subscriptions = strings(db, "SELECT id FROM subscription WHERE organization_id = '"
            + organizationId + "' ORDER BY id");
        if (!subscriptions.isEmpty()) {
          PortalClient.Answer change = portal.post("/api/partners/" + partnerId + "/subscriptions/"
              + subscriptions.get(0) + "/quantity-changes", map("quantity", 5), "harness-seats-" + organizationId);
          assertThat(change.status()).as(change.body().toString()).isIn(202, 409);
        }
      }
    }
  }

  private Instant awaitSettled(ClusterDatabase database, java.util.Collection<String> orders, String period)
      throws Exception {
    Instant deadline = Instant.now().plus(SETTLE);
    while (Instant.now().isBefore(deadline)) {
      try (Connection db = database.connect()) {
        long open = count(db, "SELECT COUNT(*) FROM subscription_order o WHERE status = 'IN_PROGRESS' AND NOT EXISTS "
            + "(SELECT 1 FROM ACT_RU_INCIDENT i JOIN ACT_RU_EXECUTION e ON e.ID_ = i.PROC_INST_ID_ "
            + "WHERE e.BUSINESS_KEY_ = o.id)");
        long jobsToRun = count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND (DUEDATE_ IS NULL OR "
            + "DUEDATE_ < CURRENT_TIMESTAMP + INTERVAL '1 minute') AND SUSPENSION_STATE_ = 1");
        long runOpen = count(db, "SELECT COUNT(*) FROM billing_run WHERE status = 'RUNNING'");
        // An order is Fulfilled before its mail goes out (the fulfilment commits on its own, then the same job sends
        // the mail): the mails are counted only once no job of a fulfilled order is left to run, however far off its
        // next retry is.
        long mailsToSend = count(db, "SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RU_EXECUTION e ON e.ID_ = "
            + "j.PROCESS_INSTANCE_ID_ JOIN subscription_order o ON o.id = e.BUSINESS_KEY_ WHERE o.status = 'FULFILLED' "
            + "AND j.RETRIES_ > 0");
        if (open == 0 && jobsToRun == 0 && runOpen == 0 && mailsToSend == 0) {
          return Instant.now();
        }
      }
      sleep(2_000);
    }
    try (Connection db = database.connect()) {
      report("NOT SETTLED: orders in progress " + strings(db, "SELECT id || ' ' || status FROM subscription_order "
          + "WHERE status = 'IN_PROGRESS'") + ", jobs " + strings(db, "SELECT j.ID_ || ' ' || COALESCE(d.ACT_ID_, '') "
          + "|| ' retries ' || j.RETRIES_ || ' ' || COALESCE(j.LOCK_OWNER_, '') FROM ACT_RU_JOB j "
          + "LEFT JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_"));
    }
    write();
    throw new AssertionError("The cluster did not settle within " + SETTLE);
  }

  /** Incidents left by 20 % failures are retried once the faults are gone; returns how many there were. */
  /**
   * The back office's answer for every password mail whose delivery a kill left unknown ("Ask whether the password
   * arrived"), once the credentials' jobs are done: the mail server is the harness's own, so the answer is whether it
   * holds a password mail to that recipient. Completed over Camunda's REST API as an administrator.
   */
  private int answerPasswordArrivals(PortalClient portal, NodeProcess[] nodes, ClusterDatabase database)
      throws Exception {
    String credentialsJobs = "SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_DEF_KEY_ = 'adminCredentials' "
        + "AND RETRIES_ > 0";
    awaitCondition(database, "SELECT CASE WHEN (" + credentialsJobs + ") = 0 THEN 1 ELSE 0 END", 1,
        Duration.ofMinutes(5));
    Map<String, String> asked = new HashMap<>();
    try (Connection db = database.connect(); Statement query = db.createStatement();
        ResultSet tasks = query.executeQuery("SELECT t.ID_, e.BUSINESS_KEY_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e "
            + "ON e.ID_ = t.PROC_INST_ID_ WHERE t.TASK_DEF_KEY_ = 'Task_AskWhetherPasswordArrived'")) {
      while (tasks.next()) {
        asked.put(tasks.getString(1), tasks.getString(2));
      }
    }
    Map<String, Integer> mailed = passwordMailsPerOrganization();
    for (Map.Entry<String, String> task : asked.entrySet()) {
      String arrival = mailed.containsKey(credentialsRecipient(task.getValue())) ? "ARRIVED" : "NOT_ARRIVED";
      PortalClient.Answer answer = portal.postAs(up(nodes).get(0), "admin", "/engine-rest/task/" + task.getKey()
          + "/complete", map("variables", map("arrival", map("value", arrival))));
      assertThat(answer.status()).as(answer.body().toString()).isEqualTo(204);
    }
    awaitCondition(database, "SELECT CASE WHEN (" + credentialsJobs + ") = 0 THEN 1 ELSE 0 END", 1,
        Duration.ofMinutes(5));
    return asked.size();
  }

  private static String credentialsRecipient(String organizationId) {
    return "it-" + organizationId.substring(0, 8) + "@customer.example";
  }

  private int retryIncidents(ClusterDatabase database) throws SQLException {
    try (Connection db = database.connect()) {
      int incidents = (int) count(db, "SELECT COUNT(*) FROM ACT_RU_INCIDENT");
      try (Statement retry = db.createStatement()) {
        retry.executeUpdate("UPDATE ACT_RU_JOB SET RETRIES_ = 3, LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL "
            + "WHERE RETRIES_ = 0");
      }
      return incidents;
    }
  }

  private static Set<String> jobsLockedBy(ClusterDatabase database, String node) {
    try (Connection db = database.connect()) {
      return new LinkedHashSet<>(strings(db, "SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE '" + node
          + "@%' AND LOCK_EXP_TIME_ > CURRENT_TIMESTAMP"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Seconds from the kill until none of the jobs the dead node held is still waiting under its lock. */
  private static long awaitTakenOver(ClusterDatabase database, String node, Set<String> held, Instant killedAt) {
    if (held.isEmpty()) {
      return 0;
    }
    Instant deadline = killedAt.plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      try (Connection db = database.connect();
          PreparedStatement stillHeld = db.prepareStatement("SELECT ID_, LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?")) {
        boolean waiting = false;
        for (String job : held) {
          stillHeld.setString(1, job);
          try (ResultSet rs = stillHeld.executeQuery()) {
            if (rs.next() && rs.getString(2) != null && rs.getString(2).startsWith(node + "@")
                && deadOwner(db, rs.getString(2))) {
              waiting = true;
            }
          }
        }
        if (!waiting) {
          return Duration.between(killedAt, Instant.now()).toSeconds();
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    return Duration.between(killedAt, Instant.now()).toSeconds();
  }

  /** An owner whose locks are all older than the restart: the dead incarnation (a new start has a new mark). */
  private static boolean deadOwner(Connection db, String owner) throws SQLException {
    return count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ = '" + owner
        + "' AND LOCK_EXP_TIME_ > CURRENT_TIMESTAMP + INTERVAL '50 seconds'") == 0;
  }

  private Map<String, Integer> ordersAtMicrosoft(Connection db, SandboxProcess sandbox) throws SQLException {
    SandboxApi api = new SandboxApi(sandbox);
    Map<String, Integer> orders = new HashMap<>();
    for (String tenant : strings(db, "SELECT tenant_id FROM m365_service WHERE status = 'ACTIVE'")) {
      orders.put(tenant, api.call(HttpMethod.GET, "/customers/" + tenant + "/orders", null, null).getBody()
          .path("totalCount").asInt());
    }
    return orders;
  }

  /** Per order, the Message-IDs of its fulfilment mails (a re-sent mail keeps its Message-ID). */
  private Map<String, Set<String>> fulfilmentMailsPerOrder() throws Exception {
    Map<String, Set<String>> perOrder = new HashMap<>();
    fulfilmentDeliveries = 0;
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getSubject().startsWith("Order fulfilled")) {
        Matcher order = ORDER_IN_MAIL.matcher(GreenMailUtil.getBody(message));
        if (order.find()) {
          fulfilmentDeliveries++;
          perOrder.computeIfAbsent(order.group(1), id -> new LinkedHashSet<>()).add(message.getMessageID());
        }
      }
    }
    return perOrder;
  }

  private Map<String, Integer> passwordMailsPerOrganization() throws Exception {
    Map<String, Integer> perRecipient = new HashMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getSubject().contains("administrator sign-in")) {
        perRecipient.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
      }
    }
    return perRecipient;
  }

  /** The period's lines as partner, subscription, quantity, amount. */
  private static List<String> billingLines(Connection db, String period) throws SQLException {
    return strings(db, "SELECT organization_id || ' ' || subscription_id || ' ' || quantity || ' ' || amount "
        + "FROM billing_line WHERE period = '" + period + "' ORDER BY subscription_id");
  }

  private static List<String> billingLinesOfRun(Connection db, String runId) throws SQLException {
    return strings(db, "SELECT organization_id || ' ' || subscription_id || ' ' || quantity || ' ' || amount "
        + "FROM billing_line WHERE run_id = '" + runId + "' ORDER BY subscription_id");
  }

  /** The same period once more, Microsoft answering every call: the billing lines a run without faults makes. */
  private String rerunWithoutFaults(PortalClient portal, NodeProcess node, ClusterDatabase database, String period)
      throws SQLException {
    PortalClient.Answer rerun = portal.postAs(node, "backoffice", "/api/billing/runs", map("period", period));
    assertThat(rerun.status()).as(rerun.body().toString()).isEqualTo(202);
    String runId = rerun.body().path("runId").asText();
    awaitCondition(database, "SELECT COUNT(*) FROM billing_run WHERE id = '" + runId + "' AND status = 'COMPLETED'",
        1, Duration.ofMinutes(5));
    return runId;
  }

  private static void awaitCondition(ClusterDatabase database, String countQuery, long expected, Duration limit)
      throws SQLException {
    Instant deadline = Instant.now().plus(limit);
    long reached = -1;
    while (Instant.now().isBefore(deadline)) {
      try (Connection db = database.connect()) {
        reached = count(db, countQuery);
        if (reached >= expected) {
          return;
        }
      }
      sleep(1_000);
    }
    throw new AssertionError("Not reached within " + limit + ": " + countQuery + " = " + expected + " (was "
        + reached + ")");
  }

  private static List<NodeProcess> up(NodeProcess[] nodes) {
    List<NodeProcess> alive = new ArrayList<>();
    for (NodeProcess node : nodes) {
      if (node.alive()) {
        alive.add(node);
      }
    }
    return alive.isEmpty() ? List.of(nodes) : alive;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(Connection db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private synchronized void report(String line) {
    report.add(line);
    System.out.println("[harness] " + line);
  }

  private synchronized void write() throws IOException {
    Path file = Path.of("target", "benchmarks", "reliability.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
