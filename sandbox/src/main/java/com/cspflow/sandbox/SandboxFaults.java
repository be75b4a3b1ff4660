package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxProperties.Faults;
import com.cspflow.sandbox.SandboxProperties.OperationFaults;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fault injection per sandbox operation: added latency, a share of 500 answers, and a token-bucket rate limit
 * answered with 429 and Retry-After. Errors are drawn from a random sequence per operation seeded with the
 * configured seed, so a test or benchmark that makes the same calls sees the same failures.
 */
@Component
class SandboxFaults {

  /** What the sandbox does with a call before it reaches the endpoint. */
  sealed interface Verdict {}

  record Pass() implements Verdict {}

  record ServerError() implements Verdict {}

  record Throttled(long retryAfterSeconds) implements Verdict {}

  static final String ALL_OPERATIONS = "all";

  /** What the sandbox answered one operation since the faults were last replaced. */
  record Stats(long calls, long throttled, long serverErrors) {}

  private volatile Faults faults;
  private final Map<String, OperationState> states = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> counters = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  @Autowired
  SandboxFaults(SandboxProperties properties) {
    this(properties, System::nanoTime);
  }

  /** @param nanoClock the bucket's clock; tests pass their own so that refills do not depend on machine speed */
  SandboxFaults(SandboxProperties properties, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    replace(properties.faults());
  }

  Faults current() {
    return faults;
  }

  /** Starts every random sequence and bucket afresh, so that a run after a reset is repeatable. */
  synchronized void replace(Faults newFaults) {
    states.clear();
    counters.clear();
    faults = newFaults;
  }

  Map<String, Stats> stats() {
    Map<String, Stats> stats = new TreeMap<>();
    counters.forEach((operation, count) -> stats.put(operation,
        new Stats(count[0].sum(), count[1].sum(), count[2].sum())));
    return stats;
  }

  private Verdict counted(String operation, Verdict verdict) {
    LongAdder[] count = counters.computeIfAbsent(operation,
        op -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
    count[0].increment();
    if (verdict instanceof Throttled) {
      count[1].increment();
    } else if (verdict instanceof ServerError) {
      count[2].increment();
    }
    return verdict;
  }

  Verdict before(String operation) throws InterruptedException {
    return counted(operation, decide(operation));
  }

  private Verdict decide(String operation) throws InterruptedException {
    Faults configured = faults;
    OperationFaults rule = configured.operations().getOrDefault(operation,
        configured.operations().get(ALL_OPERATIONS));
    if (rule == null) {
      return new Pass();
    }
    if (rule.latencyMs() > 0) {
      Thread.sleep(rule.latencyMs());
    }
    OperationState state = states.computeIfAbsent(operation,
        op -> new OperationState(configured.seed(), op, rule, nanoClock));
    return state.decide();
  }

  private static final class OperationState {
    private final Random random;
    private final OperationFaults rule;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    OperationState(long seed, String operation, OperationFaults rule, LongSupplier nanoClock) {
      this.random = new Random(seed * 31 + operation.hashCode());
      this.rule = rule;
      this.nanoClock = nanoClock;
      this.tokens = capacity();
      this.refilledAt = nanoClock.getAsLong();
    }

    synchronized Verdict decide() {
      if (rule.requestsPerSecond() > 0) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity(), tokens + (now - refilledAt) / 1e9 * rule.requestsPerSecond());
        refilledAt = now;
        if (tokens < 1) {
          double secondsToNextToken = (1 - tokens) / rule.requestsPerSecond();
          return new Throttled(Math.max(1, (long) Math.ceil(secondsToNextToken)));
        }
        tokens -= 1;
      }
      if (rule.errorRate() > 0 && random.nextDouble() < rule.errorRate()) {
        return new ServerError();
      }
      return new Pass();
    }

    private double capacity() {
      return Math.max(1, rule.requestsPerSecond());
    }
  }
}
