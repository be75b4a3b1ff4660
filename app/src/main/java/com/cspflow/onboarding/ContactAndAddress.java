package com.cspflow.onboarding;

import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import jakarta.validation.constraints.Pattern;

/**
 * What the back office enters in "Complete organization details": the organization's contact and address, each
 * well-formed; whether they are now complete decides whether the task comes back ({@link OrganizationDetails}).
 */
@CompletesTask(process = OnboardingVariables.PROCESS_KEY, task = "Task_CompleteOrganizationDetails")
public record ContactAndAddress(
    @PlainText(max = 50) String contactFirstName,
    @PlainText(max = 50) String contactLastName,
    @EmailAddress String contactEmail,
    @Pattern(regexp = "(" + OrganizationDetails.PHONE + ")?", message = OrganizationDetails.PHONE_HINT)
    String contactPhone,
    @PlainText(max = 100) String street,
    @PlainText(max = 20) String postalCode,
    @PlainText(max = 50) String city,
    @IsoCountry String country) {

  /** The details as entered, blanks as missing; not necessarily complete. */
  OrganizationDetails details() {
    return new OrganizationDetails(given(contactFirstName), given(contactLastName), given(contactEmail),
        given(contactPhone), given(street), given(postalCode), given(city),
        given(country) == null ? null : country.trim().toUpperCase(java.util.Locale.ROOT));
  }

  private static String given(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
