package com.cspflow.onboarding;

import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The address and contact Microsoft needs before Microsoft 365 can be added, as an organization has them: complete
 * when every constraint holds. Lengths are Partner Center's limits for a customer's billing profile (and our
 * columns); the phone number is in international form (+46 8 123 456).
 */
public record OrganizationDetails(
    @NotBlank @PlainText(max = 50) String contactFirstName,
    @NotBlank @PlainText(max = 50) String contactLastName,
    @NotBlank @EmailAddress String contactEmail,
    @NotBlank @Pattern(regexp = PHONE, message = PHONE_HINT) String contactPhone,
    @NotBlank @PlainText(max = 100) String street,
    @NotBlank @PlainText(max = 20) String postalCode,
    @NotBlank @PlainText(max = 50) String city,
    @NotBlank @IsoCountry String country) {

  /** International form: a plus, the country code and 6 to 23 digits, spaces, brackets or hyphens. */
  public static final String PHONE = "\\+[1-9][0-9 ()-]{5,22}";
  public static final String PHONE_HINT = "must be in international form, e.g. +46 8 123 456";

  /** The process variable names, which are also the form field keys. */
  public static final String[] FIELDS = {
      "contactFirstName", "contactLastName", "contactEmail", "contactPhone", "street", "postalCode", "city", "country"};
}
