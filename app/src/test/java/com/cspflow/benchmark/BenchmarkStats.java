package com.cspflow.benchmark;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a run's latencies, nearest-rank, and the median of rounds: the figures a benchmark reports. */
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

  /** The middle value of rounds; of an even number, the mean of the two middle ones. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The lowest of rounds (0 for none): the start of the range reported with a median. */
  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  /** The highest of rounds (0 for none): the end of the range reported with a median. */
  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
