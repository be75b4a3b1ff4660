package com.cspflow.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ISO 3166-1 alpha-2 country code, e.g. SE (stored in capitals). Null and blank are valid, as "not given"; spaces
 * around the code are forgiven, control characters (a NUL byte, a tab, a line break) never are.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCountry.Validator.class)
public @interface IsoCountry {

  String message() default "must be an ISO 3166 two-letter country code, e.g. SE";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<IsoCountry, String> {
    private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      if (CONTROL.matcher(value).find()) {
        return false;
      }
      return value.isBlank() || CODES.contains(value.strip().toUpperCase(Locale.ROOT));
    }
  }
}
