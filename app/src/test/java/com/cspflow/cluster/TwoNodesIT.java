package com.cspflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.cspflow.support.SandboxProcess;
import com.cspflow.support.WebappSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two cspflow nodes, each the built jar in a JVM of its own, on one database: how they start together, restart,
 * share the webapps' sign-in, and stop. (The reliability harness, {@link ReliabilityHarnessIT}, kills them under
 * load.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

  static final Duration STARTUP = Duration.ofMinutes(3);

  static ClusterDatabase database;
  static NodeProcess a;
  static NodeProcess b;

  @BeforeAll
  static void twoNodesOnAnEmptyDatabase() {
    Assumptions.assumeTrue(String.valueOf(System.getenv("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql:"),
        "several nodes share a PostgreSQL database (README, \"Running several nodes\"; CI's second pass)");
    database = ClusterDatabase.fresh();
    SandboxProcess sandbox = SandboxProcess.forTests();
    a = NodeProcess.on(database, sandbox, "node-a", Map.of());
    b = NodeProcess.on(database, sandbox, "node-b", Map.of());
  }

  @AfterAll
  static void stopNodes() {
    for (NodeProcess node : new NodeProcess[] {a, b}) {
      if (node != null && node.alive()) {
        node.kill();
      }
    }
  }

  @Test
  @Order(1)
  void twoNodesStartedTogetherOnAnEmptyDatabaseMakeOneSchemaOneVersionOfEachProcessAndOneSetOfIdentities()
      throws Exception {
    CompletableFuture<NodeProcess> first = CompletableFuture.supplyAsync(() -> a.start().awaitReady(STARTUP));
    CompletableFuture<NodeProcess> second = CompletableFuture.supplyAsync(() -> b.start().awaitReady(STARTUP));
    first.join();
    second.join();

    try (Connection db = database.connect()) {
      assertThat(rows(db, "SELECT KEY_ FROM ACT_RE_PROCDEF GROUP BY KEY_ HAVING COUNT(*) > 1")).as("versions").isEmpty();
      assertThat(count(db, "SELECT COUNT(DISTINCT KEY_) FROM ACT_RE_PROCDEF")).as("one per model in bpmn/")
          .isEqualTo(modelsInTheRepository());
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT")).as("one deployment per process")
          .isEqualTo(count(db, "SELECT COUNT(DISTINCT DEPLOYMENT_ID_) FROM ACT_RE_PROCDEF"));
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_ID_USER")).isEqualTo(3);
      assertThat(rows(db, "SELECT ID_ FROM ACT_ID_GROUP ORDER BY ID_"))
          .containsExactly("backoffice", "camunda-admin", "integration", "process-owners");
      assertThat(rows(db, "SELECT NAME_ FROM ACT_RU_FILTER GROUP BY NAME_ HAVING COUNT(*) > 1")).isEmpty();
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_FILTER")).isEqualTo(4);
      assertThat(rows(db, "SELECT GROUP_ID_ FROM ACT_RU_AUTHORIZATION GROUP BY GROUP_ID_, RESOURCE_TYPE_, "
          + "RESOURCE_ID_ HAVING COUNT(*) > 1")).isEmpty();
      assertThat(count(db, "SELECT COUNT(*) FROM api_client")).isEqualTo(2);
      assertThat(count(db, "SELECT COUNT(*) FROM api_signing_key")).isEqualTo(1);
      assertThat(rows(db, "SELECT NAME_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'schema.version'")).hasSize(1);
    }
    for (NodeProcess node : List.of(a, b)) {
      assertThat(node.logText()).as(node.name()).doesNotContainIgnoringCase("duplicate key")
          .doesNotContain("Unique index or primary key violation").doesNotContain("APPLICATION FAILED TO START");
    }
  }

  @Test
  @Order(2)
  void aSignInToTheWebappsOnOneNodeHoldsOnTheOther() {
    WebappSession onA = WebappSession.signIn(a.baseUrl(), "backoffice", "backoffice");
    assertThat(onA.get("/task?maxResults=1").status()).isEqualTo(200);
    WebappSession onB = onA.at(b.baseUrl());
    assertThat(onB.get("/task?maxResults=1").status()).as("the same session, on the other node").isEqualTo(200);
    assertThat(WebappSession.anonymous(b.baseUrl()).get("/task?maxResults=1").status()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void aRollingRestartWithUnchangedModelsDeploysNothing() throws Exception {
    long deployments;
    try (Connection db = database.connect()) {
      deployments = count(db, "SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT");
    }
    assertThat(a.terminate(Duration.ofSeconds(60))).as("a graceful stop").isIn(0, 143);
    a.start().awaitReady(STARTUP);
    assertThat(b.terminate(Duration.ofSeconds(60))).isIn(0, 143);
    b.start().awaitReady(STARTUP);

    try (Connection db = database.connect()) {
      assertThat(count(db, "SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT")).isEqualTo(deployments);
    }
  }

  @Test
  @Order(4)
  void sigtermTakesANodeOutOfReadinessAndStopsIt() {
    int exit = a.terminate(Duration.ofSeconds(60));
    assertThat(exit).isIn(0, 143);
    assertThat(a.logText()).contains("Commencing graceful shutdown");
    // The other node serves on: it may answer a probe late while the stopping node lets go of its connections,
    // but it must not go out of readiness.
    assertThatCode(() -> b.awaitReady(Duration.ofSeconds(20))).as("the other node serves on")
        .doesNotThrowAnyException();
  }

  private static long modelsInTheRepository() throws java.io.IOException {
    try (var models = java.nio.file.Files.list(java.nio.file.Path.of("..", "bpmn"))) {
      return models.filter(model -> model.toString().endsWith(".bpmn")).count();
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> rows(Connection db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
