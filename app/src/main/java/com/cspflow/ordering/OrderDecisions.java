package com.cspflow.ordering;

import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What the back office decides about an order that failed or stays pending. */
final class OrderDecisions {

  private OrderDecisions() {}

  enum FailedOrderDecision { RETRY, CANCEL }

  /** "Handle failed order": retry with a corrected quantity or term (a new attempt at Microsoft), or cancel. */
  @CompletesTask(process = OrderingService.PROCESS_KEY, task = "Task_HandleFailedOrder")
  record FailedOrder(
      @NotNull FailedOrderDecision failedOrderDecision,
      @Min(1) @Max(Patterns.MAX_SEATS) Integer quantity,
      @Pattern(regexp = Patterns.TERM, message = Patterns.TERM_HINT) String termDuration) {}

  enum PendingDecision { CHECK_AGAIN, FAIL }

  /** "Investigate order still pending": check Microsoft again, or mark the order failed with a reason. */
  @CompletesTask(process = OrderingService.PROCESS_KEY, task = "Task_InvestigatePendingOrder")
  record PendingOrder(
      @NotNull PendingDecision pendingDecision,
      @PlainText(max = 1000, multiline = true) String failureReason) {}
}
