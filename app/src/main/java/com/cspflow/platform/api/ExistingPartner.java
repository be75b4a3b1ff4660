package com.cspflow.platform.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A partner of the marketplace, set up already: what a person types into a start form in Tasklist is checked as the
 * API checks a partner in its path, so that nothing is stored for a partner that does not exist. Blank and malformed
 * ids are left to {@code @NotBlank} and {@code @PartnerId}.
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExistingPartner.Check.class)
public @interface ExistingPartner {

  String message() default "is not a partner of the marketplace";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Asks {@link PartnerAccess}, which remembers partners found. */
  class Check implements ConstraintValidator<ExistingPartner, String> {

    private final PartnerAccess partners;

    public Check(PartnerAccess partners) {
      this.partners = partners;
    }

    @Override
    public boolean isValid(String partnerId, ConstraintValidatorContext context) {
      return partnerId == null || partnerId.isBlank() || partners.exists(partnerId.trim());
    }
  }
}
