package com.cspflow.monthlyupdate;

import java.util.List;
import java.util.stream.IntStream;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the monthly quantity update runs. The model reads {@code ${monthlyUpdate.schedule}} (its timer, a 6-field
 * cron in the pinned time zone), {@code ${monthlyUpdate.failedCustomerRetries}} and
 * {@code ${monthlyUpdate.failedCustomerRetryWait}}.
 */
@Component("monthlyUpdate")
public class MonthlyUpdateSettings {

  private final int dayOfMonth;
  private final int hour;
  private final int customersPerChunk;
  private final int parallelChunks;
  private final double cspRequestsPerSecond;
  private final int failedCustomerRetries;
  private final Duration failedCustomerRetryWait;
  private final Duration fullSweepEvery;
  private final Duration jobLockTime;
  private final int jobThreads;

  public MonthlyUpdateSettings(
      @Value("${cspflow.monthly-update.day-of-month}") int dayOfMonth,
      @Value("${cspflow.monthly-update.hour}") int hour,
      @Value("${cspflow.monthly-update.customers-per-chunk}") int customersPerChunk,
      @Value("${cspflow.monthly-update.parallel-chunks}") int parallelChunks,
      @Value("${cspflow.monthly-update.csp-requests-per-second}") double cspRequestsPerSecond,
      @Value("${cspflow.monthly-update.failed-customer-retries}") int failedCustomerRetries,
      @Value("${cspflow.monthly-update.failed-customer-retry-wait}") Duration failedCustomerRetryWait,
      @Value("${cspflow.monthly-update.full-sweep-every}") Duration fullSweepEvery,
      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis,
      @Value("${camunda.bpm.job-execution.max-pool-size:10}") int jobThreads) {
    if (dayOfMonth < 1 || dayOfMonth > 28) {
      throw new IllegalArgumentException("cspflow.monthly-update.day-of-month must be 1 to 28 (every month has it)");
    }
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("cspflow.monthly-update.hour must be 0 to 23");
    }
    if (customersPerChunk < 1 || parallelChunks < 1 || cspRequestsPerSecond < 0 || failedCustomerRetries < 0) {
      throw new IllegalArgumentException("cspflow.monthly-update: customers-per-chunk and parallel-chunks must be "
          + "positive, csp-requests-per-second and failed-customer-retries not negative");
    }
    this.dayOfMonth = dayOfMonth;
    this.hour = hour;
    this.customersPerChunk = customersPerChunk;
    this.parallelChunks = parallelChunks;
    this.cspRequestsPerSecond = cspRequestsPerSecond;
    this.failedCustomerRetries = failedCustomerRetries;
    this.failedCustomerRetryWait = failedCustomerRetryWait;
    this.fullSweepEvery = fullSweepEvery;
    this.jobLockTime = Duration.ofMillis(jobLockMillis);
    this.jobThreads = Math.max(1, jobThreads);
  }

  /** Seconds, minutes, hours, day of month, month, day of week: the {@code day-of-month} at {@code hour}:00. */
  public String getSchedule() {
    return "0 0 " + hour + " " + dayOfMonth + " * ?";
  }

  public int getFailedCustomerRetries() {
    return failedCustomerRetries;
  }

  /** ISO 8601, for the model's timer. */
  public String getFailedCustomerRetryWait() {
    return failedCustomerRetryWait.toString();
  }

  int customersPerChunk() {
    return customersPerChunk;
  }

  /** How many of a run's chunks run at once, in the whole cluster: at most one per chunk. */
  int parallelChunks(int chunkCount) {
    return Math.min(parallelChunks, chunkCount);
  }

  /**
   * The model's streams ({@code ${monthlyUpdate.streams(parallelChunks)}}): 0 to {@code parallelChunks - 1}. Each
   * stream updates its chunks one after another, so that only the streams' ends meet on the multi-instance's counters.
   */
  public List<Integer> streams(int parallelChunks) {
    return IntStream.range(0, parallelChunks).boxed().toList();
  }

  /** How many chunks stream {@code stream} updates: the chunks are dealt round-robin ({@link #chunkOf}). */
  public int chunksOfStream(int chunkCount, int parallelChunks, int stream) {
    return (chunkCount - stream + parallelChunks - 1) / parallelChunks;
  }

  /** The chunk a stream updates in its {@code round}-th turn. */
  static int chunkOf(int stream, int parallelChunks, int round) {
    return stream + parallelChunks * round;
  }

  /**
   * Customers per chunk of a run at this pace. Unpaced, the configured size. Paced, a chunk's calls wait their turn
   * with every other chunk running in the cluster: with all job threads of two nodes busy, a chunk of C customers
   * takes C x 2 x threads / pace seconds, which must stay well within the job's lock (a third of it), or another
   * node would take the job over while it still runs and spend the budget twice.
   */
  int customersPerChunk(double requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      return customersPerChunk;
    }
    long fitting = (long) (requestsPerSecond * jobLockTime.toSeconds() / (3.0 * 2 * jobThreads));
    return (int) Math.max(1, Math.min(customersPerChunk, fitting));
  }

  /**
   * How old the last complete full sweep may be before the scheduled run is a full sweep again; the runs between
   * are incremental.
   */
  Duration fullSweepEvery() {
    return fullSweepEvery;
  }

  /** The largest chunk of an incremental run, whose customers are mostly billed from our records. */
  static final int MAX_INCREMENTAL_CHUNK = 1000;

  /**
   * Customers per chunk of an incremental run at this pace when {@code readShare} of them are read from Microsoft:
   * as many as keep a chunk's expected calls at half of {@link #customersPerChunk(double)} (the calls vary from chunk
   * to chunk), at least that many, at most {@value #MAX_INCREMENTAL_CHUNK}.
   */
  int customersPerChunk(double requestsPerSecond, double readShare) {
    int forCalls = customersPerChunk(requestsPerSecond);
    if (readShare >= 0.5) {
      return forCalls;
    }
    double sized = forCalls / (2 * Math.max(readShare, 1e-6));
    return (int) Math.max(forCalls, Math.min(MAX_INCREMENTAL_CHUNK, sized));
  }

  /** 0 means unpaced. */
  double cspRequestsPerSecond() {
    return cspRequestsPerSecond;
  }
}
