package com.cspflow.platform.jobs;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/** The job executor: the starter's, configured by {@code camunda.bpm.job-execution}, with gathered wake-ups. */
@Configuration
public class JobExecutorConfiguration {

  @Bean
  @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
      matchIfMissing = true)
  public JobExecutor jobExecutor(
      @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor taskExecutor,
      CamundaBpmProperties properties,
      @Value("${cspflow.job-execution.wake-up-delay:50ms}") Duration wakeUpDelay) {
    return new CoalescingJobExecutor(DefaultJobConfiguration.JobConfiguration.jobExecutor(taskExecutor, properties),
        taskExecutor, wakeUpDelay);
  }
}
