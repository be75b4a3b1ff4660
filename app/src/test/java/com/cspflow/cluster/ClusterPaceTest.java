package com.cspflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.platform.cluster.ClusterPace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two nodes (two pacers, each with a connection pool of its own, warmed up, on one database: H2, or PostgreSQL when
 * SPRING_DATASOURCE_URL points at it) with four threads each keep one pace together, and a node alone gets it all.
 */
class ClusterPaceTest {

  static final Duration INTERVAL = Duration.ofMillis(20);
  static final List<HikariDataSource> pools = new ArrayList<>();

  @AfterAll
  static void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Test
  void twoNodesCallingAtOnceTogetherKeepOnePaceAndOneAloneGetsEverySlot() throws Exception {
    ClusterDatabase database = ClusterDatabase.fresh();
    try (Connection db = database.connect(); Statement migrate = db.createStatement()) {
      migrate.execute(Files.readString(Path.of("src/main/resources/db/migration/V64__csp_pace.sql")));
    }
    ClusterPace nodeA = pace(database);
    ClusterPace nodeB = pace(database);
    nodeA.awaitSlot(ClusterPace.PARTNER_CENTER, INTERVAL);
    nodeB.awaitSlot(ClusterPace.PARTNER_CENTER, INTERVAL);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<Instant[]>> calls = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < 100; i++) {
      ClusterPace node = i % 2 == 0 ? nodeA : nodeB;
      calls.add(threads.submit(() -> new Instant[] {node.awaitSlot(ClusterPace.PARTNER_CENTER, INTERVAL),
          Instant.now()}));
    }
    List<Instant> slots = new ArrayList<>();
    Instant last = start;
    for (Future<Instant[]> call : calls) {
      Instant[] slotAndRelease = call.get();
      slots.add(slotAndRelease[0]);
      assertThat(slotAndRelease[1]).as("nobody calls before its slot").isAfterOrEqualTo(slotAndRelease[0]);
      last = slotAndRelease[1].isAfter(last) ? slotAndRelease[1] : last;
    }
    slots.sort(Instant::compareTo);
    for (int i = 1; i < slots.size(); i++) {
      assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as("slots of both nodes one interval apart")
          .isGreaterThanOrEqualTo(INTERVAL);
    }
    assertThat(Duration.between(start, last)).as("100 calls at 50/s over two nodes take 99 intervals, not half")
        .isGreaterThanOrEqualTo(INTERVAL.multipliedBy(99)).isLessThan(INTERVAL.multipliedBy(99 + 50));

    Instant aloneStart = Instant.now();
    List<Future<?>> alone = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      alone.add(threads.submit(() -> nodeA.awaitSlot(ClusterPace.PARTNER_CENTER, INTERVAL)));
    }
    for (Future<?> call : alone) {
      call.get();
    }
    assertThat(Duration.between(aloneStart, Instant.now())).as("node A alone gets the whole pace, not its half")
        .isLessThan(INTERVAL.multipliedBy(49 + 40));
    threads.shutdown();
  }

  private static ClusterPace pace(ClusterDatabase database) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.url());
    dataSource.setUsername(database.user());
    dataSource.setPassword(database.password());
    dataSource.setMaximumPoolSize(4);
    pools.add(dataSource);
    return new ClusterPace(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
  }
}
