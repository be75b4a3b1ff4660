package com.cspflow.cancellation;

import com.cspflow.cancellation.SubscriptionCancellation.RenewalDecision;
import com.cspflow.platform.input.CompletesTask;
import jakarta.validation.constraints.NotNull;

/** What the back office or the partner decides about a cancellation Microsoft refused. */
final class CancellationDecisions {

  private CancellationDecisions() {}

  /** "Decide on the refused cancellation": turn auto-renew off so that it ends at its renewal, or keep it. */
  @CompletesTask(process = SubscriptionCancellationService.PROCESS_KEY, task = "Task_DecideOnRefusedCancellation")
  record RefusedCancellation(@NotNull RenewalDecision renewalDecision) {}
}
