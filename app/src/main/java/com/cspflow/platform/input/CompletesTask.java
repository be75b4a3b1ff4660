package com.cspflow.platform.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record whose components are the only variables a person may set when completing the user task with
 * this task definition key (in Tasklist or over REST), with their types and constraints. Variables the task shows
 * and that come back unchanged are accepted too; anything else is refused ({@link ProcessEntryGuard}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CompletesTask {

  /** The process definition key the task belongs to. */
  String process();

  /** The task definition key (the user task's id in the model), e.g. {@code Task_HandleFailedOrder}. */
  String task();
}
