package com.cspflow.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The marketplace's id of a partner: 1 to 64 letters, digits, dots, hyphens or underscores, e.g. partner-1. */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
@Pattern(regexp = PartnerId.PATTERN)
@ReportAsSingleViolation
public @interface PartnerId {

  String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  String MESSAGE = "must be a partner id: 1 to 64 letters, digits, '.', '-' or '_'";

  String message() default MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
