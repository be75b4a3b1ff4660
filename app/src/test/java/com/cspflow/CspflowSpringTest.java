package com.cspflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;
import com.cspflow.support.ProcessCoverageConfiguration;
import com.cspflow.support.SandboxInitializer;

/**
 * The whole application on a random port, on the embedded profile with test overrides; one context shared
 * by every test that uses this annotation. The database is H2 in memory, or PostgreSQL when
 * SPRING_DATASOURCE_URL is set. Metrics are exported as in production (Prometheus). Partner Center is the CSP
 * sandbox, running as a process of its own ({@link com.cspflow.support.SandboxProcess}).
 * <p>
 * The engine records which flow nodes and sequence flows each test class passes (process test coverage):
 * {@link ProcessCoverageConfiguration} adds the coverage library's recorder to the engine, the library's listener
 * writes one report per class to {@code target/process-test-coverage/<class>/}, and {@code mvn verify} merges
 * them into {@code target/process-test-coverage/all/} (README, "Process coverage"). Every class with this
 * annotation imports the same configuration, so they still share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CspflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
@AutoConfigureObservability
@ContextConfiguration(initializers = SandboxInitializer.class)
@Import(ProcessCoverageConfiguration.class)
@TestExecutionListeners(
    listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface CspflowSpringTest {}
