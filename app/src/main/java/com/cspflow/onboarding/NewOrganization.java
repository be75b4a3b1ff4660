package com.cspflow.onboarding;

import com.cspflow.platform.api.ExistingPartner;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.PlainText;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * "New Organization": a partner's customer with what the partner knows of its address and contact. Partner and name
 * are required; a detail may be missing (the back office completes it) but never malformed.
 */
@StartsProcess(OnboardingVariables.PROCESS_KEY)
public record NewOrganization(
    @NotBlank @PartnerId @ExistingPartner String partnerId,
    @NotBlank @PlainText(max = 80) String organizationName,
    @PlainText(max = 50) String contactFirstName,
    @PlainText(max = 50) String contactLastName,
    @EmailAddress String contactEmail,
    @Pattern(regexp = "(" + OrganizationDetails.PHONE + ")?", message = OrganizationDetails.PHONE_HINT)
    String contactPhone,
    @PlainText(max = 100) String street,
    @PlainText(max = 20) String postalCode,
    @PlainText(max = 50) String city,
    @IsoCountry String country) {

  /** The details as given, blanks as missing; not necessarily complete. */
  OrganizationDetails details() {
    return new ContactAndAddress(contactFirstName, contactLastName, contactEmail, contactPhone, street, postalCode,
        city, country).details();
  }
}
