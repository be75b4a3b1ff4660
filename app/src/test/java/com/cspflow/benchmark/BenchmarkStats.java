package com.cspflow.benchmark;

import java.util.Arrays;

/** Percentiles of a run's latencies, nearest-rank; the figures a benchmark reports. */
final class BenchmarkStats {

  private BenchmarkStats() {}

  static long percentile(long[] sortedMillis, double percent) {
    if (sortedMillis.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sortedMillis.length);
    return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, rank - 1))];
  }

  static long[] sorted(long[] millis) {
    long[] copy = millis.clone();
    Arrays.sort(copy);
    return copy;
  }
}
