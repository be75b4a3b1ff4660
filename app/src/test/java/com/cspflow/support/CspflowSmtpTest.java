package com.cspflow.support;

import com.cspflow.CspflowSpringTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link CspflowSpringTest} with mail over SMTP to a GreenMail server (the bean {@code greenMail}) instead of
 * the outbox folder: for tests that read the mails a process sends. One second context, shared by every class
 * with this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CspflowSpringTest
@ContextConfiguration(initializers = {SandboxInitializer.class, GreenMailInitializer.class})
public @interface CspflowSmtpTest {}
