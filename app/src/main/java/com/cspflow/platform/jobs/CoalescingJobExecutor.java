package com.cspflow.platform.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The starter's job executor, except that the wake-ups of its acquisition for new jobs are gathered: Camunda wakes
 * the acquisition at every commit that creates a job, so under load each acquisition (a query over ACT_RU_JOB and a
 * transaction of its own) found one or two jobs (12,569 acquisitions for 14,061 jobs in the order benchmark). Here the
 * first new job schedules one wake-up after {@code delay}, and the jobs committed until then are acquired together.
 * A job waits at most that much longer; timers and retries are acquired by the idle polling as before.
 */
public class CoalescingJobExecutor extends SpringJobExecutor {

  private final long delayMillis;
  private final AtomicBoolean wakeUpScheduled = new AtomicBoolean();
  private volatile ScheduledExecutorService wakeUps = newWakeUps();

  /** Takes over every setting of the starter's executor, {@code configured}, which is not used itself. */
  public CoalescingJobExecutor(JobExecutor configured, TaskExecutor taskExecutor, Duration delay) {
    this.delayMillis = delay.toMillis();
    setTaskExecutor(taskExecutor);
    setRejectedJobsHandler(configured.getRejectedJobsHandler());
    setLockTimeInMillis(configured.getLockTimeInMillis());
    setMaxJobsPerAcquisition(configured.getMaxJobsPerAcquisition());
    setWaitTimeInMillis(configured.getWaitTimeInMillis());
    setMaxWait(configured.getMaxWait());
    setBackoffTimeInMillis(configured.getBackoffTimeInMillis());
    setMaxBackoff(configured.getMaxBackoff());
    setBackoffDecreaseThreshold(configured.getBackoffDecreaseThreshold());
    setWaitIncreaseFactor(configured.getWaitIncreaseFactor());
  }

  /**
   * Called after the commit of a transaction that made a job, also while the node stops: nothing here may fail, or the
   * caller of a committed command would see an error.
   */
  @Override
  public void jobWasAdded() {
    if (delayMillis <= 0) {
      super.jobWasAdded();
    } else if (isActive && wakeUpScheduled.compareAndSet(false, true)) {
      try {
        wakeUps.schedule(() -> {
          wakeUpScheduled.set(false);
          super.jobWasAdded();
        }, delayMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        wakeUpScheduled.set(false);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (wakeUps.isShutdown()) {
      wakeUps = newWakeUps();
    }
    super.start();
  }

  @Override
  public synchronized void shutdown() {
    wakeUps.shutdownNow();
    super.shutdown();
  }

  private static ScheduledExecutorService newWakeUps() {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "job-acquisition-wake-up");
      thread.setDaemon(true);
      return thread;
    });
  }
}
