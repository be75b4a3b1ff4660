package com.cspflow.activation;

import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What the back office decides in the activation's user tasks: each a command with its declared fields. */
final class ActivationDecisions {

  private ActivationDecisions() {}

  /** "Choose another domain": the one Microsoft said is taken is replaced. */
  @CompletesTask(process = ActivationService.PROCESS_KEY, task = "Task_ChooseAnotherDomain")
  record AnotherDomain(
      @NotBlank @Pattern(regexp = ActivationService.DOMAIN_PREFIX_PATTERN, message = ActivationService.DOMAIN_PREFIX_HINT)
      String domainPrefix) {}

  enum Resolution { RETRY, CANCEL }

  /** "Resolve refused tenant creation": try again (perhaps on another domain), or give up with a reason. */
  @CompletesTask(process = ActivationService.PROCESS_KEY, task = "Task_ResolveTenantCreation")
  record TenantCreationResolution(
      @NotNull Resolution resolution,
      @NotBlank @Pattern(regexp = ActivationService.DOMAIN_PREFIX_PATTERN, message = ActivationService.DOMAIN_PREFIX_HINT)
      String domainPrefix,
      @PlainText(max = 1000, multiline = true) String cancelReason) {}

  enum AgreementDecision { CONFIRM, CANCEL }

  /**
   * "Confirm customer agreement": the customer accepted the Microsoft Customer Agreement (confirm), or not (cancel).
   * A choice of two rather than a checkbox: an unticked box read as "not accepted" and cancelled the activation.
   */
  @CompletesTask(process = ActivationService.PROCESS_KEY, task = "Task_ConfirmAgreement")
  record AgreementConfirmation(
      @NotNull AgreementDecision agreementDecision,
      @PlainText(max = 1000, multiline = true) String cancelReason) {}

  enum MigrationDecision { REMIND, CANCEL }

  /** "Decide on waiting migration": remind the customer to accept, or cancel. */
  @CompletesTask(process = ActivationService.PROCESS_KEY, task = "Task_DecideOnMigration")
  record WaitingMigration(
      @NotNull MigrationDecision migrationDecision,
      @PlainText(max = 1000, multiline = true) String cancelReason) {}
}
