package com.cspflow.onboarding;

import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A new organization as the project API takes it, for the partner in the path: the fields of {@link NewOrganization}
 * with the same constraints, but the partner. Missing details are completed by the back office; malformed ones are
 * refused.
 */
@Schema(description = "A partner's new customer organization; address and contact may be completed later")
public record OrganizationRequest(
    @NotBlank @PlainText(max = 80) @Schema(example = "Contoso AB") String organizationName,
    @PlainText(max = 50) @Schema(example = "Anna") String contactFirstName,
    @PlainText(max = 50) @Schema(example = "Andersson") String contactLastName,
    @EmailAddress @Schema(description = "becomes the first administrator's alternative e-mail address",
        example = "anna@contoso.example") String contactEmail,
    @Pattern(regexp = "(" + OrganizationDetails.PHONE + ")?", message = OrganizationDetails.PHONE_HINT)
    @Schema(example = "+46 8 123 456") String contactPhone,
    @PlainText(max = 100) @Schema(example = "Drottninggatan 1") String street,
    @PlainText(max = 20) @Schema(example = "111 51") String postalCode,
    @PlainText(max = 50) @Schema(example = "Stockholm") String city,
    @IsoCountry @Schema(description = "ISO 3166 alpha-2", example = "SE") String country) {

  NewOrganization forPartner(String partnerId) {
    return new NewOrganization(partnerId, organizationName, contactFirstName, contactLastName, contactEmail,
        contactPhone, street, postalCode, city, country);
  }
}
