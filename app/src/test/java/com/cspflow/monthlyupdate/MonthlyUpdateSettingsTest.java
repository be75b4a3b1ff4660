package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonthlyUpdateSettingsTest {

  /** Chunks of 100, 16 at once, a 45-second job lock, 8 job threads per node. */
  final MonthlyUpdateSettings settings = new MonthlyUpdateSettings(25, 3, 100, 16, 8, 3, Duration.ofMinutes(10), Duration.ofDays(85),
      45_000, 8);

  @Test
  void anUnpacedRunUsesTheConfiguredChunks() {
    assertThat(settings.customersPerChunk(0)).isEqualTo(100);
  }

  @Test
  void aPacedChunkFinishesWithinAThirdOfTheJobLockWhileTwoNodesRunChunksOnAllTheirThreads() {
    int perChunk = settings.customersPerChunk(8);
    double secondsWithSixteenChunksWaitingTheirTurn = perChunk * 16 / 8.0;
    assertThat(perChunk).isEqualTo(7);
    assertThat(secondsWithSixteenChunksWaitingTheirTurn).isLessThanOrEqualTo(15);
  }

  @Test
  void aFastPaceKeepsTheConfiguredSizeAndASlowOneStillHasOneCustomerPerChunk() {
    assertThat(settings.customersPerChunk(1000)).isEqualTo(100);
    assertThat(settings.customersPerChunk(0.1)).isEqualTo(1);
  }

  @Test
  void anIncrementalChunkHoldsAsManyCustomersAsKeepItsExpectedCallsAtHalfAPacedChunk() {
    assertThat(settings.customersPerChunk(8, 0.01)).as("7 calls a chunk: 3.5 expected in 350 customers")
        .isEqualTo(350);
    assertThat(settings.customersPerChunk(8, 0.001)).as("at most").isEqualTo(1000);
    assertThat(settings.customersPerChunk(8, 0.6)).as("mostly read: as a full sweep").isEqualTo(7);
    assertThat(settings.customersPerChunk(0, 0.01)).as("unpaced: 100 calls a chunk").isEqualTo(1000);
    assertThat(settings.customersPerChunk(8, 0.4)).as("never smaller than a full sweep's").isEqualTo(8);
  }

  @Test
  void theChunksAreDealtRoundRobinToStreamsEachChunkOnce() {
    int chunkCount = 37;
    int parallel = settings.parallelChunks(chunkCount);
    assertThat(parallel).isEqualTo(16);
    assertThat(settings.streams(parallel)).hasSize(16).startsWith(0, 1).endsWith(15);
    java.util.List<Integer> dealt = new java.util.ArrayList<>();
    for (int stream : settings.streams(parallel)) {
      for (int round = 0; round < settings.chunksOfStream(chunkCount, parallel, stream); round++) {
        dealt.add(MonthlyUpdateSettings.chunkOf(stream, parallel, round));
      }
    }
    assertThat(dealt).hasSize(chunkCount).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isBetween(0, 36));
    assertThat(settings.chunksOfStream(chunkCount, parallel, 4)).as("chunks 4, 20, 36").isEqualTo(3);
    assertThat(settings.chunksOfStream(chunkCount, parallel, 5)).as("chunks 5, 21").isEqualTo(2);
  }

  @Test
  void aRunOfFewChunksHasOneStreamPerChunkAndARunOfNoneHasNone() {
    assertThat(settings.parallelChunks(3)).isEqualTo(3);
    assertThat(settings.streams(settings.parallelChunks(0))).isEmpty();
  }
}
