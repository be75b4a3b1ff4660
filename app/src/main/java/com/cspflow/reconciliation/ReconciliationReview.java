package com.cspflow.reconciliation;

import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.PlainText;
import jakarta.validation.constraints.NotBlank;

/** "Review the difference": what the back office found, and did about it. */
@CompletesTask(process = ReconciliationService.PROCESS_KEY, task = "Task_ReviewDifference")
record ReconciliationReview(@NotBlank @PlainText(max = 2000, multiline = true) String reviewNote) {}
