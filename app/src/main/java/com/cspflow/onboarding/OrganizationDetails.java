package com.cspflow.onboarding;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The address and contact Microsoft needs before Microsoft 365 can be added. Lengths are Partner Center's
 * limits for a customer's billing profile; the phone number is in international form (+46 8 123 456).
 */
public record OrganizationDetails(
    @NotBlank @Size(max = 50) String contactFirstName,
    @NotBlank @Size(max = 50) String contactLastName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @NotBlank @Pattern(regexp = "\\+[1-9][0-9 ()-]{5,22}", message = "must be in international form, e.g. +46 8 123 456")
    String contactPhone,
    @NotBlank @Size(max = 100) String street,
    @NotBlank @Size(max = 20) String postalCode,
    @NotBlank @Size(max = 50) String city,
    @NotBlank @IsoCountry String country) {

  /** The process variable names, which are also the form field keys. */
  public static final String[] FIELDS = {
      "contactFirstName", "contactLastName", "contactEmail", "contactPhone", "street", "postalCode", "city", "country"};
}
