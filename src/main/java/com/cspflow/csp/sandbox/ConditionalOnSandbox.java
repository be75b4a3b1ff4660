package com.cspflow.csp.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Every sandbox bean: an installation that talks to Microsoft turns the whole sandbox off. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(prefix = "cspflow.csp.sandbox", name = "enabled", havingValue = "true", matchIfMissing = true)
@interface ConditionalOnSandbox {}
