package com.cspflow.platform.input;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
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
 * Exactly one e-mail address a mail server can deliver to: an RFC 5322 addr-spec (parsed strictly by Jakarta Mail)
 * without a display name, comments or a second address, whose domain has at least two labels of letters, digits
 * and hyphens (no empty label, so no {@code contoso..example}), at most 254 characters. Null and the empty text
 * are valid, as "not given": combine with {@code @NotBlank} where the field is required.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailAddress.Validator.class)
public @interface EmailAddress {

  String message() default "must be one e-mail address, e.g. anna@contoso.example";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<EmailAddress, String> {

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
        Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isEmpty()) {
        return true;
      }
      if (value.length() > 254) {
        return false;
      }
      int at = value.lastIndexOf('@');
      if (at < 1 || at != value.indexOf('@') || at > 64) {
        return false;
      }
      if (!LOCAL_PART.matcher(value.substring(0, at)).matches() || !DOMAIN.matcher(value.substring(at + 1)).matches()) {
        return false;
      }
      try {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        return parsed.length == 1 && value.equals(parsed[0].getAddress()) && parsed[0].getPersonal() == null;
      } catch (AddressException notAnAddress) {
        return false;
      }
    }
  }
}
