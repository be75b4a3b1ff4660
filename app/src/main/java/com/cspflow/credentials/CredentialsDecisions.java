package com.cspflow.credentials;

import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.EmailAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** What the back office decides in the admin credentials' user tasks: each a command with its declared fields. */
final class CredentialsDecisions {

  private CredentialsDecisions() {}

  enum AccessDecision { CHECK_AGAIN, WITHDRAW }

  /** "Arrange admin access (GDAP)": the missing access is arranged (check again), or the request is withdrawn. */
  @CompletesTask(process = AdminCredentialsService.PROCESS_KEY, task = "Task_ArrangeAdminAccess")
  record AdminAccessArranged(@NotNull AccessDecision accessDecision) {}

  enum Correction { REISSUE, WITHDRAW }

  /**
   * "Correct the recipient address": the address the credentials are issued to (the form shows the refused one; the
   * same one again is allowed, for a mailbox created meanwhile), or the request withdrawn.
   */
  @CompletesTask(process = AdminCredentialsService.PROCESS_KEY, task = "Task_CorrectRecipient")
  record RecipientCorrection(@NotNull Correction correction, @NotBlank @EmailAddress String recipientEmail) {}

  enum Arrival { ARRIVED, NOT_ARRIVED }

  /**
   * "Ask whether the password arrived": the recipient of a password mail whose delivery is unknown says it arrived
   * (the credentials are sent) or not (a new password is set and sent).
   */
  @CompletesTask(process = AdminCredentialsService.PROCESS_KEY, task = "Task_AskWhetherPasswordArrived")
  record PasswordArrival(@NotNull Arrival arrival) {}
}
