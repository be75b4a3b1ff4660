package com.cspflow.partnersetup;

import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * "Add the service to your E-store" as the project API takes it for the partner in the path: the fields of
 * {@link AddMicrosoft365Service} with the same constraints, but the partner.
 */
@Schema(description = "The partner's contact person and Microsoft partner id (MPN ID)")
public record PartnerServiceRequest(
    @NotBlank @Pattern(regexp = "[0-9]{1,10}", message = "must be the Microsoft partner id: digits only, at most 10")
    @Schema(example = "1234567") String mpnId,
    @NotBlank @PlainText(max = 100) @Schema(example = "Petra Partner") String contactName,
    @NotBlank @EmailAddress @Schema(example = "petra@partner.example") String contactEmail) {

  AddMicrosoft365Service forPartner(String partnerId) {
    return new AddMicrosoft365Service(partnerId, mpnId, contactName, contactEmail);
  }
}
