package com.cspflow.credentials;

import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** "Request customer admin credentials": the one address the password goes to, the first time only. */
@StartsProcess(AdminCredentialsService.PROCESS_KEY)
public record RequestAdminCredentials(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
    @NotBlank @EmailAddress String recipientEmail) {

  public RequestAdminCredentials {
    organizationId = Guids.lowerCase(organizationId);
  }
}
