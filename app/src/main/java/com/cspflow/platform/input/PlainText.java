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
import java.util.regex.Pattern;

/**
 * One line of text a person typed: at most {@link #max()} characters (the column it is stored in), no control
 * characters (a NUL byte, a tab, a line break...), no Unicode direction controls, and not only invisible characters
 * (a no-break or zero width space would pass a blank check and count as filled in). Null and blank are valid, as "not
 * given": combine with {@code @NotBlank} where the field is required.
 *
 * <p>Characters are counted as Java and H2 count them, in UTF-16 units: one outside the Basic Multilingual Plane
 * (an emoji) counts twice. PostgreSQL counts it once, so counting the larger way is what makes a value that passes fit
 * its column on every database cspflow runs on.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

  int max();

  /** Whether line breaks are allowed (a reason, a note); other control characters never are. */
  boolean multiline() default false;

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlainText, String> {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}|[\\u2028\\u2029\\uFFFE\\uFFFF]");
    private static final Pattern CONTROL_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cc}&&[^\\r\\n]]|[\\uFFFE\\uFFFF]");
    /** Embeddings, overrides and isolates: they reorder how the rest of a line reads ("Trojan source" spoofing). */
    private static final Pattern DIRECTION_CONTROL = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private int max;
    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
      this.max = annotation.max();
      this.multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      String problem = null;
      if (value.length() > max) {
        problem = "must be at most " + max + " characters";
      } else if ((multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).matcher(value).find()) {
        problem = multiline ? "must not contain control characters" : "must be one line without control characters";
      } else if (hasLoneSurrogate(value)) {
        problem = "must be valid text";
      } else if (DIRECTION_CONTROL.matcher(value).find()) {
        problem = "must not contain Unicode direction controls (U+202A to U+202E, U+2066 to U+2069)";
      } else if (!value.isBlank() && invisible(value)) {
        problem = "must contain visible characters, not only spaces or invisible ones";
      }
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }

    /**
     * Only spaces Java does not trim (a no-break space, an ideographic space) and invisible format characters (a zero
     * width space, a byte order mark): text that looks empty but would count as given.
     */
    private static boolean invisible(String value) {
      return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
          || Character.getType(c) == Character.FORMAT);
    }

    private static boolean hasLoneSurrogate(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
            return true;
          }
          i++;
        } else if (Character.isLowSurrogate(c)) {
          return true;
        }
      }
      return false;
    }
  }
}
