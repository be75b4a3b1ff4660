package com.cspflow.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;

/**
 * A month that can be billed, as YYYY-MM: not after the current month (in the pinned zone) and not more than
 * {@code cspflow.billing.months-back} (24) months before it. Null is valid.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BillingPeriod.Validator.class)
public @interface BillingPeriod {

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<BillingPeriod, String> {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM")
        .withResolverStyle(ResolverStyle.STRICT);

    private final Clock clock;
    private final int monthsBack;

    public Validator(Clock clock, @Value("${cspflow.billing.months-back:24}") int monthsBack) {
      this.clock = clock;
      this.monthsBack = monthsBack;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      YearMonth current = YearMonth.now(clock);
      YearMonth earliest = current.minusMonths(monthsBack);
      String problem = null;
      if (!FORMAT.matcher(value).matches()) {
        problem = "must be a month as YYYY-MM, e.g. " + current;
      } else {
        try {
          YearMonth period = YearMonth.parse(value, MONTH);
          if (period.isAfter(current) || period.isBefore(earliest)) {
            problem = "must be a month from " + earliest + " to " + current;
          }
        } catch (DateTimeParseException notAMonth) {
          problem = "must be a month as YYYY-MM, e.g. " + current;
        }
      }
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
