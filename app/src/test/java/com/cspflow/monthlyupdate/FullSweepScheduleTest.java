package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduled run is a full sweep every third month (P85D), incremental in between, and full the first time. */
class FullSweepScheduleTest {

  static final Duration EVERY = Duration.ofDays(85);
  static final Instant JANUARY_25 = Instant.parse("2027-01-25T02:00:00Z");

  @Test
  void theFirstScheduledRunIsAFullSweep() {
    assertThat(MonthlyUpdateService.fullSweepDue(Optional.empty(), JANUARY_25, EVERY)).isTrue();
  }

  @Test
  void aFullSweepInJanuaryMakesFebruaryAndMarchIncrementalAndAprilFullAgain() {
    Optional<Instant> january = Optional.of(JANUARY_25);
    assertThat(MonthlyUpdateService.fullSweepDue(january, Instant.parse("2027-02-25T02:00:00Z"), EVERY)).isFalse();
    assertThat(MonthlyUpdateService.fullSweepDue(january, Instant.parse("2027-03-25T02:00:00Z"), EVERY)).isFalse();
    assertThat(MonthlyUpdateService.fullSweepDue(january, Instant.parse("2027-04-25T02:00:00Z"), EVERY)).isTrue();
  }
}
