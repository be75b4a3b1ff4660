package com.cspflow.partnersetup;

import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.PlainText;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** "Add the service to your E-store": the partner's contact person and its Microsoft partner id (MPN ID). */
@StartsProcess(PartnerSetupService.PROCESS_KEY)
public record AddMicrosoft365Service(
    @NotBlank @PartnerId String partnerId,
    @NotBlank @Pattern(regexp = "[0-9]{1,10}", message = "must be the Microsoft partner id: digits only, at most 10")
    String mpnId,
    @NotBlank @PlainText(max = 100) String contactName,
    @NotBlank @EmailAddress String contactEmail) {}
