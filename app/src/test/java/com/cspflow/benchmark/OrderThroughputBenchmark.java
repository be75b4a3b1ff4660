package com.cspflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowApplication;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.OrderLine;
import com.cspflow.ordering.OrderRepository;
import com.cspflow.ordering.OrderSubscription;
import com.cspflow.ordering.OrderingService;
import com.cspflow.ordering.SubscriptionOrder;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxProcess;
import com.cspflow.support.Fixtures.Customer;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Orders from REST start to Fulfilled, on the database SPRING_DATASOURCE_URL points at, with the job
 * executor running and the sandbox answering at once (latency 0, orders complete on the first read).
 *
 * <p>Three measurements in one run: (1) the floor, the same orders placed and recorded by calling the CSP
 * adapter and the database directly, and beside it the order's whole work (its checks, price, charge line and mail
 * too) without the engine and REST; (2) saturation, all orders submitted at once, giving the sustained
 * orders/s; (3) latency at a fixed offered rate ({@code benchmark.rate}, default 50/s), giving p50/p95/p99
 * from start to Fulfilled. After a warm-up ({@code benchmark.warmup} orders each way), the three are repeated
 * {@code benchmark.repeats} times (default 3) and the report gives each round and the medians. Not part of
 * {@code mvn verify}: see README, "Benchmarks".
 */
// Only what the benchmark uses (injection): not the process coverage recorder that spring.factories adds to every
// test, which would record each order's flow nodes into the engine being measured.
@TestExecutionListeners(listeners = DependencyInjectionTestExecutionListener.class)
@Tag("benchmark")
@SpringBootTest(classes = CspflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "camunda.bpm.job-execution.enabled=true",
        "cspflow.ordering.provisioning-backoff=PT1S",
        "logging.level.com.cspflow=WARN",
        "spring.http.client.factory=http-components",
        "logging.level.org.camunda.bpm.engine.jobexecutor=WARN"})
@ActiveProfiles({"embedded", "test", "benchmark"})
@ContextConfiguration(initializers = OrderThroughputBenchmark.SandboxCompletingAtOnce.class)
class OrderThroughputBenchmark {

  /** The sandbox as its own process, completing orders at once, as the benchmark measures cspflow, not Microsoft. */
  static SandboxProcess sandbox() {
    return SandboxProcess.withSettings(Map.of("SANDBOX_ORDER_COMPLETION_DELAY", "0s"));
  }

  static class SandboxCompletingAtOnce implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("csp-sandbox",
          sandbox().cspflowProperties()));
    }
  }


  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final int ORDERS = Integer.getInteger("benchmark.orders", 2000);
  /** Orders placed each way before measuring at least, so that every measurement runs on compiled code. */
  static final int WARMUP = Integer.getInteger("benchmark.warmup", 2000);
  /**
   * After those, the warm-up goes on in steps of {@code WARMUP_STEP} orders each way until the JIT compilers worked
   * less than {@code benchmark.jit-busy} (default 10 %) of two steps in a row (one quiet step was seen followed by busy
   * ones), up to this many orders each way. With cspflow's code on 2 cores the compilers were still busy all of the
   * time after 4,000 orders each way: over a thousand methods reached their optimized form (C2) only then, among them
   * the engine's entity lookups and Spring MVC's handler lookup, so the rounds measured a JVM still warming up, the
   * process (much more code) more than the floor.
   */
  static final int WARMUP_MAX = Integer.getInteger("benchmark.warmup-max", 20000);
  static final int WARMUP_STEP = 500;
  static final double JIT_BUSY = Double.parseDouble(System.getProperty("benchmark.jit-busy", "0.10"));
  /** How long the benchmark measures the three processes' CPU with nothing to do, after the warm-up. */
  static final long IDLE_MILLIS = 10_000;
  /** Rounds of the three measurements in one run; the report gives each round and the medians. */
  static final int REPEATS = Integer.getInteger("benchmark.repeats", 3);
  static final int RATE = Integer.getInteger("benchmark.rate", 50);
  static final int CUSTOMERS = 20;
  static final int CLIENT_THREADS = 8;

  @Autowired TestRestTemplate http;
  @Autowired ApiCallers callers;
  @Autowired Fixtures fixtures;
  @Autowired CspPort csp;
  @Autowired OrderRepository orders;
  @Autowired OrderingService ordering;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired Environment environment;

  /**
   * One client for the whole run, as the portal would keep one: a new one per call measures connection set-up. It
   * runs in cspflow's JVM, so its CPU counts as the process's: it is Apache HttpClient with a connection per client
   * thread, which sends on the calling thread. The JDK client of the other tests started two threads for every
   * POST (Spring's body publisher and the client's own executor): 10,000 thread starts per 5,000 orders, counted as
   * cspflow's CPU and not as the clients'.
   */
  private TestRestTemplate portal;

  @Test
  void ordersFromRestToFulfilled() throws Exception {
    portal = portalClient();
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.add(activeCustomer("Benchmark customer " + i));
    }
    StringBuilder report = new StringBuilder();
    report.append(String.format("Order benchmark: %d orders, %d customers, %d client threads, started with "
        + "POST /api/partners/{partnerId}/orders (the portal's API client), database %s%n", ORDERS, CUSTOMERS,
        CLIENT_THREADS, environment.getProperty("spring.datasource.url")));

    if (!DatabaseStatements.enable(jdbc)) {
      report.append("statements per order: not measured (PostgreSQL with pg_stat_statements loaded measures them)\n");
    }
    long ordersBefore = orderInstances();
    long jobsBefore = jobsExecuted();
    long acquisitionsBefore = metric(Metrics.JOB_ACQUISITION_ATTEMPT);
    report.append(warmUp(customers));
    if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
      // PostgreSQL: statistics for the poll's index on updated_at, as autovacuum's analyze would have them (the CI
      // machine runs without autovacuum): without them PostgreSQL plans the poll as a scan of the whole table
      jdbc.sql("ANALYZE subscription_order").update();
    }
    // What the three processes use with nothing to do (timers, acquisition polls, the database's background writers):
    // every measurement pays it for as long as it lasts, so a slower one pays more of it per order
    ProcessCpu idleCpu = ProcessCpu.now(sandbox());
    long idleStart = System.nanoTime();
    Thread.sleep(IDLE_MILLIS);
    ProcessCpu.Used idle = idleCpu.usedSince();
    double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
    double idleMillisPerSecond = idle.totalPerUnit(1) / idleSeconds;
    report.append(String.format("idle, nothing ordered for %.0f s: %.1f ms of CPU per second (cspflow %.1f, sandbox"
        + " %.1f, PostgreSQL %.1f)%n", idleSeconds, idleMillisPerSecond, idle.jvmMillis() / idleSeconds,
        idle.sandboxMillis() / idleSeconds, Math.max(0, idle.postgresMillis()) / idleSeconds));

    List<Double> floors = new ArrayList<>();
    List<Run> saturations = new ArrayList<>();
    List<Run> paceds = new ArrayList<>();
    List<Double> costRatios = new ArrayList<>();
    List<Double> serverCostRatios = new ArrayList<>();
    List<Double> wholeWorkRatios = new ArrayList<>();
    for (int round = 1; round <= REPEATS; round++) {
      report.append(String.format("round %d of %d%n", round, REPEATS));
      ProcessCpu cpu = ProcessCpu.now(sandbox());
      DatabaseStatements statements = DatabaseStatements.now(jdbc);
      long floorStart = System.nanoTime();
      double floor = floor(customers, ORDERS);
      floors.add(floor);
      ProcessCpu.Used floorCpu = cpu.usedSince();
      double floorSeconds = (System.nanoTime() - floorStart) / 1e9;
      report.append(String.format("  floor (adapter + database directly): %.1f orders/s; %s; %s%n", floor,
          floorCpu.perUnit(ORDERS, "order"), statements.perUnitSince(ORDERS, "order")));
      cpu = ProcessCpu.now(sandbox());
      statements = DatabaseStatements.now(jdbc);
      double wholeWork = wholeWork(customers, ORDERS);
      ProcessCpu.Used wholeWorkCpu = cpu.usedSince();
      report.append(String.format("  the order's whole work without engine and REST (OrderingService directly): %.1f"
          + " orders/s; %s; %s%n", wholeWork, wholeWorkCpu.perUnit(ORDERS, "order"),
          statements.perUnitSince(ORDERS, "order")));
      cpu = ProcessCpu.now(sandbox());
      statements = DatabaseStatements.now(jdbc);
      ThreadCpu threadCpu = ThreadCpu.now();
      long processStart = System.nanoTime();
      Run saturation = submit(customers, 0, ORDERS);
      String saturationThreads = threadCpu.perUnitSince(ORDERS);
      saturations.add(saturation);
      ProcessCpu.Used processCpu = cpu.usedSince();
      double processSeconds = (System.nanoTime() - processStart) / 1e9;
      costRatios.add(processCpu.totalPerUnit(ORDERS) / floorCpu.totalPerUnit(ORDERS));
      double clientsPerOrder = saturation.clientCpuMillis() / ORDERS;
      wholeWorkRatios.add((processCpu.totalPerUnit(ORDERS) - clientsPerOrder) / wholeWorkCpu.totalPerUnit(ORDERS));
      serverCostRatios.add((processCpu.totalPerUnit(ORDERS) - clientsPerOrder) / floorCpu.totalPerUnit(ORDERS));
      report.append(String.format("  process, all submitted at once:     %.1f orders/s sustained; latency p50 %d ms,"
          + " p95 %d ms, p99 %d ms; %s; %s%n", saturation.throughput(), saturation.p(50),
          saturation.p(95), saturation.p(99), processCpu.perUnit(ORDERS, "order"),
          statements.perUnitSince(ORDERS, "order")));
      report.append("    ").append(saturationThreads).append('\n');
      report.append(String.format("    of it the idle CPU of the three for the measurement's time: floor %.1f s, %.2f"
          + " ms per order; process %.1f s (with the wait for the last fulfilments), %.2f ms per order%n", floorSeconds,
          idleMillisPerSecond * floorSeconds / ORDERS, processSeconds, idleMillisPerSecond * processSeconds / ORDERS));
      report.append(String.format("  cost per order (CPU of all three): floor %.1f ms, process %.1f ms: %.2f times the"
          + " floor; without the benchmark's REST clients (%.1f ms of cspflow's JVM): %.1f ms, %.2f times%n",
          floorCpu.totalPerUnit(ORDERS), processCpu.totalPerUnit(ORDERS), costRatios.get(round - 1), clientsPerOrder,
          processCpu.totalPerUnit(ORDERS) - clientsPerOrder, serverCostRatios.get(round - 1)));
      report.append(String.format("  the engine and REST on top of the order's whole work: %.1f ms of %.1f ms, %.2f"
          + " times the whole work%n", processCpu.totalPerUnit(ORDERS) - clientsPerOrder
              - wholeWorkCpu.totalPerUnit(ORDERS), processCpu.totalPerUnit(ORDERS) - clientsPerOrder,
          wholeWorkRatios.get(round - 1)));
      cpu = ProcessCpu.now(sandbox());
      Run paced = submit(customers, RATE, ORDERS);
      paceds.add(paced);
      report.append(String.format("  process, offered %d orders/s:        %.1f orders/s; latency p50 %d ms, p95 %d ms,"
          + " p99 %d ms; %s%n", RATE, paced.throughput(), paced.p(50), paced.p(95), paced.p(99), cpu.perUnitSince(ORDERS, "order")));
    }
    double floor = BenchmarkStats.median(floors);
    double sustained = BenchmarkStats.median(saturations.stream().map(Run::throughput).toList());
    report.append(String.format("medians of %d rounds: floor %.1f orders/s; all at once %.1f orders/s sustained;"
        + " offered %d/s: %.1f orders/s, latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n", REPEATS, floor, sustained,
        RATE, BenchmarkStats.median(paceds.stream().map(Run::throughput).toList()),
        BenchmarkStats.median(paceds.stream().map(r -> (double) r.p(50)).toList()),
        BenchmarkStats.median(paceds.stream().map(r -> (double) r.p(95)).toList()),
        BenchmarkStats.median(paceds.stream().map(r -> (double) r.p(99)).toList())));
    report.append(String.format("overhead ratio (median floor / median process at saturation): %.2f%n",
        floor / sustained));
    report.append(String.format("cost ratio (CPU per order of cspflow, the sandbox and PostgreSQL, process / floor):"
        + " median %.2f [%.2f-%.2f]%n", BenchmarkStats.median(costRatios), BenchmarkStats.min(costRatios),
        BenchmarkStats.max(costRatios)));
    report.append(String.format("cost ratio without the benchmark's REST clients (the portal's side, which runs on"
        + " another machine in production): median %.2f [%.2f-%.2f]%n", BenchmarkStats.median(serverCostRatios),
        BenchmarkStats.min(serverCostRatios), BenchmarkStats.max(serverCostRatios)));
    report.append(String.format("process (without the REST clients) / the order's whole work without engine and REST:"
        + " median %.2f [%.2f-%.2f]%n", BenchmarkStats.median(wholeWorkRatios), BenchmarkStats.min(wholeWorkRatios),
        BenchmarkStats.max(wholeWorkRatios)));
    long orders = orderInstances() - ordersBefore;
    report.append(String.format("jobs executed per order: %.2f; acquisitions per order: %.2f (job executor threads %s,"
        + " at most %s jobs per acquisition, wake-up delay %s); connection pool %s%n",
        (double) (jobsExecuted() - jobsBefore) / orders,
        (double) (metric(Metrics.JOB_ACQUISITION_ATTEMPT) - acquisitionsBefore) / orders,
        environment.getProperty("camunda.bpm.job-execution.core-pool-size"),
        environment.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition"),
        environment.getProperty("cspflow.job-execution.wake-up-delay"),
        environment.getProperty("spring.datasource.hikari.maximum-pool-size")));

    System.out.println(report);
    Path out = Path.of("target", "benchmarks", "orders.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    assertThat(saturations).allSatisfy(run -> assertThat(run.fulfilled()).isEqualTo(ORDERS));
    assertThat(paceds).allSatisfy(run -> assertThat(run.fulfilled()).isEqualTo(ORDERS));
  }

  /**
   * Places {@code WARMUP} orders each way, then steps of {@code WARMUP_STEP} each way until the JIT compilers worked
   * less than {@code JIT_BUSY} of two steps' time in a row (their compilation time, summed over the compiler threads,
   * over the step's elapsed time) or {@code WARMUP_MAX} were placed; returns what it did for the report.
   */
  private String warmUp(List<Customer> customers) throws Exception {
    CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
    int placed = 0;
    int quietSteps = 0;
    double busy = 1;
    List<String> steps = new ArrayList<>();
    while (placed < WARMUP_MAX && (placed < WARMUP || quietSteps < 2)) {
      int step = placed < WARMUP ? WARMUP : Math.min(WARMUP_STEP, WARMUP_MAX - placed);
      long compiledBefore = compilers.getTotalCompilationTime();
      long start = System.nanoTime();
      floor(customers, step);
      wholeWork(customers, step);
      submit(customers, 0, step);
      busy = (compilers.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - start) / 1e6);
      placed += step;
      quietSteps = busy <= JIT_BUSY ? quietSteps + 1 : 0;
      steps.add(String.format("%.0f %%", busy * 100));
      System.out.printf("warm-up: %d orders each way, the JIT compilers busy %.0f %% of the last step%n", placed,
          busy * 100);
    }
    return String.format("warm-up (not measured): %d orders each way, %s; the JIT compilers' share of each step's"
        + " time: %s%n", placed, quietSteps >= 2
            ? "until the JIT compilers worked less than " + Math.round(JIT_BUSY * 100) + " % of two steps in a row"
            : "and the JIT compilers were still busy (benchmark.warmup-max)",
        String.join(", ", steps));
  }

  /** The same work without the engine: insert, place, read status, record subscription, mark fulfilled. */
  private double floor(List<Customer> customers, int orderCount) throws Exception {
    return onClientThreads(customers, orderCount, customer -> {
      String id = UUID.randomUUID().toString();
      Instant now = Instant.now();
      orders.insert(new SubscriptionOrder(id, customer.organizationId(), BUSINESS_BASIC,
          "Microsoft 365 Business Basic", 1, "P1Y", "monthly", SubscriptionOrder.Status.IN_PROGRESS, 1, null,
          null, null, "floor", now, now, null, null));
      CspOrder placed = csp.placeOrder(id + "-1", customer.tenantId(),
          List.of(new OrderLine(BUSINESS_BASIC, 1, "P1Y", "monthly")));
      orders.placed(id, placed.orderId(), Instant.now());
      csp.getOrder(customer.tenantId(), placed.orderId());
      CspSubscription subscription = csp.subscriptionsOfOrder(customer.tenantId(), placed.orderId()).stream()
          .findFirst().orElseThrow();
      subscriptions.save(customer.organizationId(), subscription, SubscriptionRepository.Origin.ORDERED, id,
          Instant.now());
      orders.fulfilled(id, subscription.id(), Instant.now());
    });
  }

  /**
   * What the process's steps do, called one after another without the engine and REST: the order's checks and price,
   * its row, the placement, the provisioning check with the subscription, its charge line and Fulfilled, the
   * partner's mail. The floor leaves out all but the row, the placement and the subscription; the difference between
   * this and the process is what the engine and the REST API cost.
   */
  private double wholeWork(List<Customer> customers, int orderCount) throws Exception {
    return onClientThreads(customers, orderCount, customer -> {
      String id = ordering.register(new OrderSubscription(customer.organizationId(), "Corporate",
          "Microsoft 365", BUSINESS_BASIC, 1, "P1Y", null), "floor").id();
      if (ordering.checkProvisioning(ordering.place(id)) != CspOrder.Status.COMPLETED) {
        throw new IllegalStateException("Order " + id + " was not provisioned at once");
      }
      ordering.notifyPartner(id);
    });
  }

  /** Runs {@code order} for orderCount orders, the customers in turn, on the client threads; returns orders/s. */
  private static double onClientThreads(List<Customer> customers, int orderCount, Consumer<Customer> order)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CLIENT_THREADS);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      work.add(threads.submit(() -> {
        for (int i = next.getAndIncrement(); i < orderCount; i = next.getAndIncrement()) {
          order.accept(customers.get(i % customers.size()));
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    threads.shutdown();
    return orderCount / ((System.nanoTime() - start) / 1e9);
  }

  /** Submits the orders over REST, at {@code rate} per second (0: as fast as the clients go), and waits. */
  private Run submit(List<Customer> customers, int rate, int orderCount) throws Exception {
    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    List<Thread> clientThreads = Collections.synchronizedList(new ArrayList<>());
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS, work -> {
      Thread thread = new Thread(work);
      clientThreads.add(thread);
      return thread;
    });
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < orderCount; i++) {
      Customer customer = customers.get(i % customers.size());
      long due = rate == 0 ? 0 : start + (long) (i * 1e9 / rate);
      sent.add(clients.submit(() -> {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long at = System.currentTimeMillis();
        submittedAt.put(startOrder(customer), at);
        return null;
      }));
    }
    for (Future<?> f : sent) {
      f.get();
    }
    // The clients' own CPU (building, sending and reading the requests), read while their threads still live
    ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
    long clientCpuNanos = clientThreads.stream().mapToLong(t -> Math.max(0, threadCpu.getThreadCpuTime(t.getId())))
        .sum();
    clients.shutdown();
    long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
    // Once a second: the poll runs on the database being measured, and its CPU counts as the process's (four polls a
    // second of 1,000 ids each took 36 s of the database's time in one run; once a second 2.7 s, 38 ms a poll of 500
    // ids): it counts the orders fulfilled since the round began, as all of the rounds before were fulfilled first.
    // Throughput and latency come from each order's fulfilled_at, not from when the poll saw it.
    Timestamp roundStart = new Timestamp(startMillis);
    while (fulfilledSince(roundStart) < orderCount && System.currentTimeMillis() < deadline) {
      Thread.sleep(1000);
    }
    List<long[]> rows = new ArrayList<>();
    for (List<String> batch : batches(new ArrayList<>(submittedAt.keySet()))) {
      rows.addAll(jdbc.sql(
              "SELECT id, fulfilled_at FROM subscription_order WHERE status = 'FULFILLED' AND id IN (:ids)")
          .param("ids", batch)
          .query((rs, row) -> new long[] {
              submittedAt.get(rs.getString("id")), rs.getTimestamp("fulfilled_at").getTime()})
          .list());
    }
    long[] latencies = rows.stream().mapToLong(r -> r[1] - r[0]).toArray();
    long lastFulfilled = rows.stream().mapToLong(r -> r[1]).max().orElse(startMillis);
    double seconds = Math.max(1, lastFulfilled - startMillis) / 1000.0;
    return new Run(rows.size(), rows.size() / seconds, BenchmarkStats.sorted(latencies), clientCpuNanos / 1e6);
  }

  private TestRestTemplate portalClient() {
    CloseableHttpClient client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(CLIENT_THREADS)
            .setMaxConnTotal(CLIENT_THREADS)
            .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .build();
    return new TestRestTemplate(new RestTemplateBuilder()
        .rootUri(http.getRootUri())
        .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(client))
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + callers.token(ApiCallers.PORTAL)));
  }

  private String startOrder(Customer customer) {
    Map<String, Object> order = Map.of("organizationId", customer.organizationId(), "category", "Corporate",
        "productGroup", "Microsoft 365", "catalogItemId", BUSINESS_BASIC, "quantity", 1, "termDuration", "P1Y");
    ResponseEntity<Map> placed = portal.postForEntity("/api/partners/" + customer.partnerId() + "/orders", order,
        Map.class);
    if (placed.getStatusCode() != HttpStatus.CREATED) {
      throw new IllegalStateException("Order refused: " + placed);
    }
    return (String) placed.getBody().get("id");
  }

  private long fulfilledSince(Timestamp start) {
    // updated_at (indexed) is fulfilled_at or later, so it only narrows the count to the round's orders: without it
    // each poll scanned every order of the run (25 ms a poll at 72,000 orders, on the database being measured; 17 ms
    // with it, as the index holds every version of an order's row until a vacuum)
    return jdbc.sql("SELECT COUNT(*) FROM subscription_order WHERE updated_at >= :start AND fulfilled_at >= :start"
            + " AND requested_by <> 'floor'")
        .param("start", start).query(Long.class).single();
  }

  private Customer activeCustomer(String name) throws InterruptedException {
    String partnerId = fixtures.activePartner();
    String organizationId = fixtures.onboardedOrganization(partnerId, name);
    runtimeService.startProcessInstanceByKey("serviceActivation", Map.of("organizationId", organizationId,
        "mode", "NEW_TENANT", "domainPrefix", Fixtures.uniqueDomainPrefix("bench"), "agreementConfirmed", true,
        "confirmedBy", "benchmark"));
    for (int i = 0; i < 200; i++) {
      String tenant = jdbc.sql("SELECT tenant_id FROM m365_service WHERE organization_id = :id AND status = 'ACTIVE'")
          .param("id", organizationId).query(String.class).optional().orElse(null);
      if (tenant != null) {
        return new Customer(organizationId, tenant, partnerId);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Customer " + name + " was not activated");
  }

  private long orderInstances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("subscriptionOrder").count();
  }

  /**
   * Jobs the engine has executed, from its metrics (the history keeps no routine job log: {@code AuditedHistory}).
   * Between the warm-up's start and the end, only orders run.
   */
  private long jobsExecuted() {
    return metric(Metrics.JOB_SUCCESSFUL);
  }

  /** The sum of one of the engine's metrics so far (reported to the database first). */
  private long metric(String name) {
    managementService.reportDbMetricsNow();
    return managementService.createMetricsQuery().name(name).sum();
  }

  private static List<List<String>> batches(List<String> ids) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      batches.add(ids.subList(i, Math.min(ids.size(), i + 500)));
    }
    return batches;
  }

  record Run(int fulfilled, double throughput, long[] sortedLatencies, double clientCpuMillis) {
    long p(double percent) {
      return BenchmarkStats.percentile(sortedLatencies, percent);
    }
  }
}
