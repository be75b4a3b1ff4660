package com.cspflow.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * The coverage library's engine configuration, plus a place for what the application runs while it starts.
 * The library hands its recorder a collector only when the first test class begins, but the context starts
 * processes before that (the Partner Center consent watcher); without a collector the recorder throws and
 * the start fails. Those start-up passes go to a collector of their own that no report reads: coverage
 * counts what tests drive.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverageConfiguration {

  @Bean
  @Order(Ordering.DEFAULT_ORDER + 2)
  AbstractCamundaConfiguration recordStartUpPassesApart() {
    return new AbstractCamundaConfiguration() {
      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
        new ProcessEngineAdapter(processEngine, startUpCollector()).initializeListeners();
      }
    };
  }

  private static DefaultCollector startUpCollector() {
    DefaultCollector collector = new DefaultCollector(new ExecutionContextModelProvider());
    collector.createSuite(new Suite("start-up", "start-up"));
    collector.activateSuite("start-up");
    collector.createRun(new Run("start-up", "start-up"), "start-up");
    collector.activateRun("start-up");
    return collector;
  }
}
