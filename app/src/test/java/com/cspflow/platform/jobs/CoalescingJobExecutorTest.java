package com.cspflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/** New jobs wake the acquisition once per delay, however many commits made them. */
class CoalescingJobExecutorTest {

  private final AtomicInteger wakeUps = new AtomicInteger();
  private CoalescingJobExecutor executor;

  @AfterEach
  void tearDown() {
    executor.shutdown();
  }

  @Test
  void jobsAddedWithinTheDelayWakeTheAcquisitionOnce() {
    executor = countingWakeUps(Duration.ofSeconds(1));

    for (int job = 0; job < 100; job++) {
      executor.jobWasAdded();
    }
    assertThat(wakeUps).as("not before the delay").hasValue(0);
    awaitWakeUps(1);

    executor.jobWasAdded();
    awaitWakeUps(2);
    assertThat(wakeUps).as("one more for the job added after the wake-up").hasValue(2);
  }

  @Test
  void aJobCommittedWhileTheNodeStopsWakesNothingAndFailsNothing() throws Exception {
    executor = countingWakeUps(Duration.ofMillis(50));
    executor.shutdown();

    executor.jobWasAdded();
    Thread.sleep(200);

    assertThat(wakeUps).hasValue(0);
  }

  @Test
  void withoutADelayEveryNewJobWakesTheAcquisitionAtOnce() {
    executor = countingWakeUps(Duration.ZERO);

    executor.jobWasAdded();
    executor.jobWasAdded();

    assertThat(wakeUps).hasValue(2);
  }

  @Test
  void takesOverTheStartersSettings() {
    SpringJobExecutor configured = new SpringJobExecutor();
    configured.setLockTimeInMillis(45_000);
    configured.setMaxJobsPerAcquisition(16);
    configured.setWaitTimeInMillis(100);
    configured.setMaxWait(2_000);

    executor = new CoalescingJobExecutor(configured, new SyncTaskExecutor(), Duration.ofMillis(50));

    assertThat(executor.getLockTimeInMillis()).isEqualTo(45_000);
    assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(16);
    assertThat(executor.getWaitTimeInMillis()).isEqualTo(100);
    assertThat(executor.getMaxWait()).isEqualTo(2_000);
  }

  @Test
  void isTheEnginesJobExecutorWithTheStartersSettingsAndNoneWhenJobExecutionIsOff() {
    ApplicationContextRunner context = new ApplicationContextRunner()
        .withInitializer(started -> started.getBeanFactory() // as in the application: "20ms" is a Duration
            .setConversionService(ApplicationConversionService.getSharedInstance()))
        .withUserConfiguration(CamundaProperties.class, JobExecutorConfiguration.class)
        .withBean("camundaTaskExecutor", TaskExecutor.class, SyncTaskExecutor::new)
        .withPropertyValues("camunda.bpm.job-execution.lock-time-in-millis=45000",
            "camunda.bpm.job-execution.max-jobs-per-acquisition=16", "cspflow.job-execution.wake-up-delay=20ms");

    context.run(started -> {
      executor = (CoalescingJobExecutor) started.getBean(JobExecutor.class);
      assertThat(executor.getLockTimeInMillis()).isEqualTo(45_000);
      assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(16);
    });
    context.withPropertyValues("camunda.bpm.job-execution.enabled=false")
        .run(started -> assertThat(started).doesNotHaveBean(JobExecutor.class));
  }

  @Configuration
  @EnableConfigurationProperties(CamundaBpmProperties.class)
  static class CamundaProperties {}

  private void awaitWakeUps(int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (wakeUps.get() < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(wakeUps).hasValue(expected);
  }

  private CoalescingJobExecutor countingWakeUps(Duration delay) {
    return new CoalescingJobExecutor(new SpringJobExecutor(), new SyncTaskExecutor(), delay) {
      {
        isActive = true;
        acquireJobsRunnable = new SequentialJobAcquisitionRunnable(this) {
          @Override
          public synchronized void jobWasAdded() {
            wakeUps.incrementAndGet();
          }
        };
        jobAcquisitionThread = new Thread(() -> { }); // stands for the acquisition, which is not run here
        jobAcquisitionThread.start();
      }
    };
  }
}
