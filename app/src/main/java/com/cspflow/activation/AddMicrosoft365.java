package com.cspflow.activation;

import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.PlainText;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * "Add the service to a customer": a new tenant on {@code <domainPrefix>.onmicrosoft.com}, or the migration of the
 * customer's existing tenant; the Microsoft Customer Agreement confirmed now ("I confirm...", by whom) or later by
 * the back office.
 */
@StartsProcess(ActivationService.PROCESS_KEY)
public record AddMicrosoft365(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
    @NotNull M365Service.Mode mode,
    @NotBlank @Pattern(regexp = ActivationService.DOMAIN_PREFIX_PATTERN, message = ActivationService.DOMAIN_PREFIX_HINT)
    String domainPrefix,
    Boolean agreementConfirmed,
    @PlainText(max = 100) String confirmedBy) {

  public AddMicrosoft365 {
    organizationId = Guids.lowerCase(organizationId);
  }

  boolean confirmedNow() {
    return Boolean.TRUE.equals(agreementConfirmed);
  }
}
