package com.cspflow.activation;

import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Microsoft 365 for the organization in the path, as the project API takes it: the fields of {@link AddMicrosoft365}
 * with the same constraints, but the organization.
 */
@Schema(description = "Add Microsoft 365 to a customer: a new tenant, or the migration of its existing one")
public record Microsoft365Request(
    @NotNull @Schema(description = "NEW_TENANT, or MIGRATE a customer that already has Microsoft 365")
    M365Service.Mode mode,
    @NotBlank @Pattern(regexp = ActivationService.DOMAIN_PREFIX_PATTERN, message = ActivationService.DOMAIN_PREFIX_HINT)
    @Schema(description = "<domainPrefix>.onmicrosoft.com", example = "contoso") String domainPrefix,
    @Schema(description = "\"I confirm...\": the customer has accepted the Microsoft Customer Agreement")
    Boolean agreementConfirmed,
    @PlainText(max = 100) @Schema(description = "Who confirmed it", example = "Anna Andersson") String confirmedBy) {

  AddMicrosoft365 forOrganization(String organizationId) {
    return new AddMicrosoft365(organizationId, mode, domainPrefix, agreementConfirmed, confirmedBy);
  }
}
