package com.cspflow.platform.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pace for the whole cluster toward a rate-limited partner: every call, on any node, takes the next free slot
 * of its budget from the database (table {@code csp_pace}) and waits for it. The slots are spaced by the interval
 * however many nodes and threads take them, so two nodes together stay within the budget, and when a node dies
 * the others simply take all the slots. Taking a slot is one short transaction of its own (the row's lock is held
 * for a read and an update, never while waiting), so it can be called from inside a job's transaction.
 *
 * <p>Slots are instants of the nodes' clocks: nodes whose clocks differ by a few milliseconds (NTP) space their
 * calls a few milliseconds off, which a limiter counting per second does not notice.
 */
@Component
public class ClusterPace {

  /** Partner Center's budget: Microsoft throttles per partner (one CSP account per installation). */
  public static final String PARTNER_CENTER = "partner-center";

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  public ClusterPace(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Takes the budget's next slot, at least {@code interval} after the one taken before it, waits for it and
   * returns it.
   */
  public Instant awaitSlot(String budget, Duration interval) {
    long slot = takeSlot(budget, interval);
    long waitMicros = slot - micros(Instant.now());
    if (waitMicros > 0) {
      try {
        Thread.sleep(waitMicros / 1_000, (int) (waitMicros % 1_000) * 1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a slot of " + budget, e);
      }
    }
    return Instant.EPOCH.plus(slot, ChronoUnit.MICROS);
  }

  private long takeSlot(String budget, Duration interval) {
    long intervalMicros = interval.toNanos() / 1_000;
    return ownTransaction.execute(status -> {
      Long next = jdbc.sql("SELECT next_slot FROM csp_pace WHERE budget = ? FOR UPDATE").param(budget)
          .query(Long.class).optional()
          .orElseThrow(() -> new IllegalStateException("No pace budget " + budget + " (table csp_pace)"));
      long slot = Math.max(next, micros(Instant.now()));
      jdbc.sql("UPDATE csp_pace SET next_slot = ? WHERE budget = ?").params(slot + intervalMicros, budget).update();
      return slot;
    });
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
