package com.cspflow.monthlyupdate;

import com.cspflow.platform.input.CompletesTask;
import jakarta.validation.constraints.NotNull;

/** "Review customers not updated": try them again now, or close the run without them. */
@CompletesTask(process = MonthlyUpdateService.PROCESS_KEY, task = "Task_ReviewFailedCustomers")
record FailedCustomersReview(@NotNull Decision reviewDecision) {

  enum Decision { RETRY, CLOSE }
}
