package com.cspflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import com.cspflow.support.SandboxInitializer;

/**
 * The whole application on a random port, on the embedded profile with test overrides; one context shared
 * by every test that uses this annotation. The database is H2 in memory, or PostgreSQL when
 * SPRING_DATASOURCE_URL is set. Metrics are exported as in production (Prometheus). Partner Center is the CSP
 * sandbox, running as a process of its own ({@link com.cspflow.support.SandboxProcess}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CspflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
@AutoConfigureObservability
@ContextConfiguration(initializers = SandboxInitializer.class)
public @interface CspflowSpringTest {}
