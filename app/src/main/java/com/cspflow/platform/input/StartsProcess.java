package com.cspflow.platform.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record whose components are the only variables a caller may pass when starting the process with this
 * key, with their types and constraints (Bean Validation). A process without one cannot be started by anyone but an
 * administrator ({@link ProcessEntryGuard}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StartsProcess {

  /** The process definition key. */
  String value();
}
