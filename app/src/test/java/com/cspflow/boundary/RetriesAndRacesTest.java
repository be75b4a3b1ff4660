package com.cspflow.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.boundary.ApiOperations.ApiOperation;
import com.cspflow.boundary.BoundaryReport.Finding;
import com.cspflow.boundary.HostileHttp.Answer;
import com.cspflow.boundary.HostileHttp.Request;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a careless integration does with a timeout, and two people at the same moment: every creating POST (read from
 * the OpenAPI description) retried with the same Idempotency-Key, one after the other and from four threads at once,
 * must create exactly once and answer the same; the key with another body is 422. Two starts at the same moment for
 * one partner, one organization or one period: one is accepted, the other is 409, never a 5xx.
 */
@CspflowSpringTest
class RetriesAndRacesTest {

  static final String AREA = "retries and races";
  private static final BoundaryReport REPORT = BoundaryReport.REPORT;
  private static final int RETRIES = 3;
  private static final int THREADS = 4;
  private static final int ROUNDS = 4;
  private static int nextPeriod = 2;
  /** Each order of the test asks for another quantity, so that two orders never have the same body. */
  private static int nextQuantity = 1;

  @Autowired ApplicationContext context;
  @Autowired Fixtures fixtures;
  @Autowired RuntimeService runtimeService;
  PartnerWorld world;
  HostileHttp http;
  ExecutorService threads;
  int mark;

  /** A request that creates one new thing each time it is made for the first time. */
  record Creation(Role role, String path, String body) {

    Request request(String key) {
      Request request = HostileHttp.json(role, "POST", path, body.getBytes(StandardCharsets.UTF_8));
      return key == null ? request : request.withHeader("Idempotency-Key", key);
    }
  }

  @BeforeEach
  void setUp() {
    world = PartnerWorld.get(context);
    http = world.http;
    threads = Executors.newFixedThreadPool(THREADS);
    mark = REPORT.findings(AREA).size();
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @AfterAll
  static void report() {
    REPORT.write();
  }

  @Test
  void everyCreatingPostRetriedWithItsIdempotencyKeyCreatesOnceAndAnswersTheSame() throws Exception {
    List<ApiOperation> creating = creatingOperations();
    assertThat(creating).hasSizeGreaterThanOrEqualTo(7);
    REPORT.note(AREA, "creating operations read from /api/openapi", creating.size());
    for (ApiOperation operation : creating) {
      Supplier<Creation> fresh = fresh(operation);

      Creation once = fresh.get();
      Creation other = fresh.get();
      Creation raced = fresh.get();
      String key = UUID.randomUUID().toString();
      Map<String, String> before = world.state.snapshot();
      Answer first = send(operation + " first with a key", once.request(key), Set.of(201, 202));
      Map<String, String> afterOne = world.state.snapshot();
      String created = StoredState.changes(before, afterOne);
      assertThat(created).as("%s creates something", operation).isNotEmpty();
      for (int retry = 0; retry < RETRIES; retry++) {
        Answer again = send(operation + " retried", once.request(key), Set.of(first.status()));
        if (!"true".equals(again.header("Idempotent-Replayed")) || !again.body().equals(first.body())) {
          REPORT.add(AREA, Finding.DUPLICATE, operation + ": retry " + retry + " was not the first answer replayed: "
              + BoundaryReport.abbreviate(again.body()));
        }
      }
      duplicates(operation + " retried " + RETRIES + " times one after the other", afterOne);
      send(operation + " same key, another body", other.request(key), Set.of(422));
      duplicates(operation + " same key with another body", afterOne);

      String racedKey = UUID.randomUUID().toString();
      Map<String, String> beforeRace = world.state.snapshot();
      List<Answer> answers = atOnce(THREADS, () -> http.send(raced.request(racedKey)));
      long originals = answers.stream().filter(a -> a.status() < 300 && a.header("Idempotent-Replayed") == null)
          .count();
      for (Answer answer : answers) {
        REPORT.check(AREA, operation + " " + THREADS + " at once with one key", raced.request(racedKey), answer,
            Set.of(first.status(), 409), null, true);
      }
      String racedChanges = StoredState.changes(beforeRace, world.state.snapshot());
      if (originals != 1 || !sameShape(created, racedChanges)) {
        REPORT.add(AREA, Finding.DUPLICATE, operation + ": " + THREADS + " at once with one key made " + originals
            + " originals; stored " + racedChanges + " where one creation stores " + created);
      }
    }
    assertNoFindings();
  }

  @Test
  void twoStartsAtTheSameMomentForOnePartnerOrganizationOrPeriodAcceptOneAndAnswerTheOther409() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String partner = "race-" + UUID.randomUUID().toString().substring(0, 8);
      race("partner setup", () -> new Creation(Role.PORTAL, "/api/partners/" + partner + "/microsoft365",
          "{\"mpnId\": \"1234567\", \"contactName\": \"Petra Partner\", \"contactEmail\": \"petra@partner.example\"}"),
          "partner", "id = '" + partner + "'");
      String organization = fixtures.onboardedOrganization(world.a.id(), "Race AB");
      race("service activation", () -> new Creation(Role.PORTAL, "/api/partners/" + world.a.id() + "/organizations/"
          + organization + "/microsoft365", "{\"mode\": \"NEW_TENANT\", \"domainPrefix\": \""
          + Fixtures.uniqueDomainPrefix("race") + "\", \"agreementConfirmed\": true}"), "m365_service",
          "organization_id = '" + organization + "'");
      String period = period();
      race("monthly run", () -> new Creation(Role.BACKOFFICE, "/api/billing/runs", "{\"period\": \"" + period
          + "\"}"), "billing_run", "period = '" + period + "'");
    }
    for (int round = 0; round < ROUNDS; round++) {
      String partner = "race-" + UUID.randomUUID().toString().substring(0, 8);
      WebappSession first = WebappSession.signIn(world.rootUri, "backoffice", "backoffice");
      WebappSession second = WebappSession.signIn(world.rootUri, "backoffice", "backoffice");
      String start = "{\"variables\": {\"partnerId\": {\"value\": \"" + partner + "\"}, \"mpnId\": {\"value\": "
          + "\"1234567\"}, \"contactName\": {\"value\": \"Petra\"}, \"contactEmail\": {\"value\": "
          + "\"petra@partner.example\"}}}";
      CountDownLatch go = new CountDownLatch(1);
      Future<WebappSession.Answer> a = threads.submit(() -> {
        go.await();
        return first.post("/process-definition/key/partnerSetup/submit-form", start);
      });
      Future<WebappSession.Answer> b = threads.submit(() -> {
        go.await();
        return second.post("/process-definition/key/partnerSetup/submit-form", start);
      });
      go.countDown();
      List<Integer> statuses = new ArrayList<>(List.of(a.get(60, TimeUnit.SECONDS).status(),
          b.get(60, TimeUnit.SECONDS).status()));
      REPORT.area(AREA).tried += 2;
      statuses.forEach(status -> REPORT.area(AREA).byStatus.merge(status, 1L, Long::sum));
      if (!statuses.containsAll(List.of(200, 409))) {
        REPORT.add(AREA, statuses.stream().anyMatch(s -> s >= 500) ? Finding.SERVER_ERROR : Finding.DUPLICATE,
            "two Tasklist starts of partnerSetup for " + partner + " at once answered " + statuses);
      }
      long rows = count("partner", "id = '" + partner + "'");
      if (rows != 1) {
        REPORT.add(AREA, Finding.DUPLICATE, "two Tasklist starts of partnerSetup for " + partner + " stored " + rows);
      }
    }
    assertNoFindings();
  }

  @Test
  void twoCredentialRequestsAtTheSameMomentIssueThePasswordOnce() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Fixtures.Customer customer = fixtures.activeCustomer("Race Credentials AB");
      Creation request = new Creation(Role.PORTAL, "/api/partners/" + customer.partnerId() + "/organizations/"
          + customer.organizationId() + "/admin-credentials", "{\"recipientEmail\": \"it@race.example\"}");
      List<Answer> answers = atOnce(2, () -> http.send(request.request(null)));
      answers.forEach(answer -> REPORT.check(AREA, "two credential requests at once", request.request(null), answer,
          Set.of(202), null, true));
      long issues = count("admin_credentials_issue", "organization_id = '" + customer.organizationId() + "'");
      if (issues != 1) {
        REPORT.add(AREA, Finding.DUPLICATE, "two credential requests at once for " + customer.organizationId()
            + " made " + issues + " issues");
      }
    }
    assertNoFindings();
  }

  @Test
  void everyTextFieldAtItsLimitIsStoredOrRefusedByNameNeverFailing() throws Exception {
    List<ApiOperation> creating = creatingOperations();
    for (ApiOperation operation : creating) {
      if (!operation.hasBody()) {
        continue; // a cancellation takes no body: no text field to try at its limit
      }
      Supplier<Creation> fresh = fresh(operation);
      for (FieldSpec field : operation.bodyFields()) {
        if (field.kind() != FieldSpec.Kind.TEXT || field.maxLength() == null) {
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        if ("email".equals(field.format())) {
          values.put("longest address", longestAddress(field.maxLength()));
        } else {
          values.put("ASCII", "x".repeat(field.maxLength()));
          values.put("two-byte characters", "\u00e9".repeat(field.maxLength()));
          values.put("astral characters", "\uD83D\uDE00".repeat(field.maxLength()));
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
          if (field.refusesText(value.getValue())) {
            continue;
          }
          Creation creation = fresh.get();
          ObjectNode body = (ObjectNode) BoundaryReport.parse(creation.body());
          body.put(field.name(), value.getValue());
          Creation atLimit = new Creation(creation.role(), creation.path(), body.toString());
          // Stored, or refused by name (a category the catalog does not have, an emoji counted twice): never a 5xx.
          Request request = atLimit.request(null);
          Answer answer = http.send(request);
          REPORT.check(AREA, operation + " " + field.name() + " at its limit of " + field.maxLength() + ", "
              + value.getKey(), request, answer, Set.of(201, 202, 400), field.name(), true);
        }
      }
    }
    assertNoFindings();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private List<ApiOperation> creatingOperations() {
    return ApiOperations.of(BoundaryReport.parse(http.send(HostileHttp.get(Role.ANONYMOUS, "/api/openapi")).body()))
        .stream().filter(o -> o.method().equals("POST") && (o.path().startsWith("/api/partners/")
            || o.path().startsWith("/api/billing/"))).toList();
  }

  /** A deliverable address of exactly {@code length} characters: a 64-character local part, labels of 63. */
  private static String longestAddress(int length) {
    StringBuilder domain = new StringBuilder();
    int remaining = length - 65;
    while (remaining > 0) {
      int label = Math.min(63, remaining - (remaining > 63 ? 1 : 0));
      if (remaining - label == 1) {
        label--;
      }
      domain.append("d".repeat(label));
      remaining -= label;
      if (remaining > 0) {
        domain.append('.');
        remaining--;
      }
    }
    return "a".repeat(64) + "@" + domain;
  }


  /** How to make a new valid request of each creating operation; an operation added later must be added here. */
  private Supplier<Creation> fresh(ApiOperation operation) {
    String a = "/api/partners/" + world.a.id();
    return switch (operation.path()) {
      case "/api/partners/{partnerId}/organizations" -> () -> new Creation(Role.PARTNER_A, a + "/organizations",
          "{\"organizationName\": \"Retry " + UUID.randomUUID().toString().substring(0, 8) + " AB\", \"country\": \"SE\"}");
      case "/api/partners/{partnerId}/orders" -> () -> new Creation(Role.PARTNER_A, a + "/orders",
          "{\"organizationId\": \"" + world.a.organizationId() + "\", \"category\": \"Corporate\", \"productGroup\": "
              + "\"Microsoft 365\", \"catalogItemId\": \"" + PartnerWorld.BUSINESS_BASIC + "\", \"quantity\": "
              + nextQuantity++ + ", \"termDuration\": \"P1Y\"}");
      case "/api/partners/{partnerId}/organizations/{organizationId}/microsoft365" -> () -> new Creation(
          Role.PARTNER_A, a + "/organizations/" + fixtures.onboardedOrganization(world.a.id(), "Retry AB")
          + "/microsoft365", "{\"mode\": \"NEW_TENANT\", \"domainPrefix\": \"" + Fixtures.uniqueDomainPrefix("retry")
          + "\", \"agreementConfirmed\": true, \"confirmedBy\": \"Anna Andersson\"}");
      case "/api/partners/{partnerId}/microsoft365" -> () -> new Creation(Role.PORTAL, "/api/partners/retry-"
          + UUID.randomUUID().toString().substring(0, 8) + "/microsoft365", "{\"mpnId\": \"1234567\", "
          + "\"contactName\": \"Petra Partner\", \"contactEmail\": \"petra@partner.example\"}");
      case "/api/partners/{partnerId}/subscriptions/{subscriptionId}/quantity-changes" -> () -> {
        String subscription = migratedSubscription();
        return new Creation(Role.PARTNER_A, a + "/subscriptions/" + subscription + "/quantity-changes",
            "{\"quantity\": 12}");
      };
      case "/api/partners/{partnerId}/subscriptions/{subscriptionId}/renewal-changes" -> () -> new Creation(
          Role.PARTNER_A, a + "/subscriptions/" + migratedSubscription() + "/renewal-changes",
          "{\"autoRenew\": false}");
      case "/api/partners/{partnerId}/subscriptions/{subscriptionId}/cancellation" -> () -> new Creation(
          Role.PARTNER_A, a + "/subscriptions/" + migratedSubscription() + "/cancellation", "");
      case "/api/partners/{partnerId}/cancellations/{cancellationId}/decision" -> () -> new Creation(
          Role.PARTNER_A, a + "/cancellations/" + refusedCancellation() + "/decision", "{\"renewalDecision\": \"KEEP\"}");
      case "/api/partners/{partnerId}/organizations/{organizationId}/admin-credentials" -> () -> {
        Fixtures.Customer customer = fixtures.activeCustomer("Retry Credentials AB");
        return new Creation(Role.PORTAL, "/api/partners/" + customer.partnerId() + "/organizations/"
            + customer.organizationId() + "/admin-credentials", "{\"recipientEmail\": \"it@retry.example\"}");
      };
      case "/api/billing/runs" -> () -> new Creation(Role.BACKOFFICE, "/api/billing/runs",
          "{\"period\": \"" + period() + "\"}");
      case "/api/billing/reconciliations" -> () -> new Creation(Role.BACKOFFICE, "/api/billing/reconciliations",
          "{\"billingPeriod\": \"" + (reconciliations++ % 2 == 0 ? "current" : "last") + "\"}");
      default -> throw new AssertionError("The boundary suite cannot make a new valid request of " + operation
          + ": add one to RetriesAndRacesTest.fresh");
    };
  }

  /** A subscription of partner A without a quantity change or cancellation, from a customer that migrated with it. */
  private String migratedSubscription() {
    String tenant = new SandboxAdmin().existingCustomer(Fixtures.uniqueDomainPrefix("retry"), "Retry Seats AB",
        List.of(SandboxAdmin.subscription(PartnerWorld.BUSINESS_BASIC, 10)));
    String organization = fixtures.migratedCustomer(world.a.id(), "Retry Seats AB", tenant).organizationId();
    return context.getBean(SubscriptionRepository.class)
        .ofOrganizations(List.of(organization)).get(organization).get(0).id();
  }

  /** A cancellation of partner A that Microsoft refused (bought 8 days ago), waiting for the decision. */
  private String refusedCancellation() {
    SandboxAdmin sandbox = new SandboxAdmin();
    String tenant = sandbox.existingCustomer(Fixtures.uniqueDomainPrefix("retry"), "Retry Cancel AB",
        List.of(SandboxAdmin.subscription(PartnerWorld.BUSINESS_BASIC, 10)));
    String organization = fixtures.migratedCustomer(world.a.id(), "Retry Cancel AB", tenant).organizationId();
    String subscription = context.getBean(SubscriptionRepository.class)
        .ofOrganizations(List.of(organization)).get(organization).get(0).id();
    sandbox.timeTravel(tenant, 8 * 24);
    org.camunda.bpm.engine.ProcessEngine engine = context.getBean(org.camunda.bpm.engine.ProcessEngine.class);
    String instance = engine.getRuntimeService().startProcessInstanceByKey("subscriptionCancellation",
        Map.of("subscriptionId", subscription)).getId();
    fixtures.runJobs(instance);
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getBusinessKey();
  }

  /** Reconciliations asked for so far: they alternate between the two periods Microsoft has unbilled lines of. */
  private static int reconciliations;

  /** A billing period no other test runs: the months of 2025, one per call. */
  private static synchronized String period() {
    if (nextPeriod > 12) {
      throw new IllegalStateException("The boundary suite ran out of free periods in 2025");
    }
    return String.format("2025-%02d", nextPeriod++);
  }

  private void race(String what, Supplier<Creation> creation, String table, String where) throws Exception {
    Creation request = creation.get();
    List<Answer> answers = atOnce(2, () -> http.send(request.request(null)));
    List<Integer> statuses = answers.stream().map(Answer::status).sorted().toList();
    for (Answer answer : answers) {
      REPORT.check(AREA, "two starts at once: " + what, request.request(null), answer, Set.of(202, 409), null, true);
    }
    long rows = count(table, where);
    if (!statuses.equals(List.of(202, 409)) || rows != 1) {
      REPORT.add(AREA, statuses.contains(202) && statuses.indexOf(202) != statuses.lastIndexOf(202)
          ? Finding.DUPLICATE : Finding.UNEXPECTED_STATUS, "two starts at once, " + what + ": " + statuses + ", "
          + rows + " rows in " + table);
    }
  }

  private List<Answer> atOnce(int callers, Callable<Answer> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Answer>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(threads.submit(() -> {
        go.await();
        return call.call();
      }));
    }
    go.countDown();
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> future : futures) {
      answers.add(future.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  private Answer send(String label, Request request, Set<Integer> expected) {
    Answer answer = http.send(request);
    REPORT.check(AREA, label, request, answer, expected, null, true);
    return answer;
  }

  private void duplicates(String what, Map<String, String> expected) {
    String changes = StoredState.changes(expected, world.state.snapshot());
    if (!changes.isEmpty()) {
      REPORT.add(AREA, Finding.DUPLICATE, what + ": " + changes);
    }
  }

  /** Whether two sets of changes touched the same tables by the same amounts. */
  private static boolean sameShape(String one, String other) {
    return deltas(one).equals(deltas(other));
  }

  private static Map<String, Long> deltas(String changes) {
    Map<String, Long> deltas = new TreeMap<>();
    for (String change : changes.split(", ")) {
      String[] parts = change.split(" ");
      if (parts.length == 4 && parts[1].matches("\\d+") && parts[3].matches("\\d+")) {
        deltas.put(parts[0], Long.parseLong(parts[3]) - Long.parseLong(parts[1]));
      }
    }
    return deltas;
  }

  private long count(String table, String where) {
    return context.getBean(JdbcTemplate.class)
        .queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where, Long.class);
  }

  private void assertNoFindings() {
    List<String> findings = REPORT.findingsSince(AREA, mark);
    assertThat(findings).as("findings in %s:%s", AREA, BoundaryReport.describe(findings)).isEmpty();
  }
}
