package com.cspflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.sandbox.SandboxFaults.Pass;
import com.cspflow.sandbox.SandboxFaults.ServerError;
import com.cspflow.sandbox.SandboxFaults.Throttled;
import com.cspflow.sandbox.SandboxFaults.Verdict;
import com.cspflow.sandbox.SandboxProperties.Faults;
import com.cspflow.sandbox.SandboxProperties.OperationFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fault injection as configured by properties at start-up, without a server. */
class SandboxFaultsTest {

  @Test
  void withoutConfigurationEveryCallPasses() throws InterruptedException {
    SandboxFaults faults = new SandboxFaults(properties(new Faults(42, Map.of())));

    assertThat(faults.before("checkout")).isInstanceOf(Pass.class);
  }

  @Test
  void aRuleForAllOperationsAppliesUnlessAnOperationHasItsOwn() throws InterruptedException {
    SandboxFaults faults = new SandboxFaults(properties(new Faults(42, Map.of(
        SandboxFaults.ALL_OPERATIONS, new OperationFaults(0, 1.0, 0),
        "catalog", new OperationFaults(0, 0.0, 0)))));

    assertThat(faults.before("checkout")).isInstanceOf(ServerError.class);
    assertThat(faults.before("catalog")).isInstanceOf(Pass.class);
  }

  @Test
  void theBucketAllowsOneSecondsWorthAtOnceThenAsksToRetryAfterAWholeSecondAndRefills() throws InterruptedException {
    AtomicLong nanos = new AtomicLong();
    SandboxFaults faults = new SandboxFaults(properties(new Faults(42, Map.of(
        "get-order", new OperationFaults(0, 0.0, 3)))), nanos::get);

    assertThat(List.of(faults.before("get-order"), faults.before("get-order"), faults.before("get-order")))
        .allSatisfy(verdict -> assertThat(verdict).isInstanceOf(Pass.class));
    assertThat(faults.before("get-order")).isInstanceOfSatisfying(Throttled.class,
        throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(1));

    nanos.addAndGet(Duration.ofMillis(340).toNanos());
    assertThat(faults.before("get-order")).as("a third of a second refills one call").isInstanceOf(Pass.class);
    assertThat(faults.before("get-order")).isInstanceOf(Throttled.class);
  }

  @Test
  void theSeedDecidesWhichCallsFailAndAReplacementStartsTheSequenceAgain() throws InterruptedException {
    Faults halfFailing = new Faults(7, Map.of("list-users", new OperationFaults(0, 0.5, 0)));
    SandboxFaults faults = new SandboxFaults(properties(halfFailing));

    List<Verdict> first = verdicts(faults, "list-users", 30);
    faults.replace(halfFailing);
    List<Verdict> second = verdicts(faults, "list-users", 30);

    assertThat(second).isEqualTo(first);
    assertThat(first).hasAtLeastOneElementOfType(ServerError.class).hasAtLeastOneElementOfType(Pass.class);
  }

  private static List<Verdict> verdicts(SandboxFaults faults, String operation, int calls)
      throws InterruptedException {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      verdicts.add(faults.before(operation));
    }
    return verdicts;
  }

  private static SandboxProperties properties(Faults faults) {
    return new SandboxProperties("id", "secret", null, "refresh", Duration.ofDays(90), Duration.ofHours(1), "Partner",
        Set.of("1234567"), Duration.ofSeconds(5), faults, new SandboxProperties.Admin("admin", "admin"),
        new SandboxProperties.Gdap("3b5e8e0c-5d21-4f0a-9c8e-6a1f2d7c4b90", List.of(), true),
        new SandboxProperties.BillingExport(50_000, Duration.ofSeconds(2)), new SandboxProperties.Events(null));
  }
}
