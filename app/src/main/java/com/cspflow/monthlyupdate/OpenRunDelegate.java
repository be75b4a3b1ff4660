package com.cspflow.monthlyupdate;

import com.cspflow.monthlyupdate.MonthlyUpdateService.OpenedRun;
import com.cspflow.platform.input.ProcessCommands;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_OpenRun: opens the period's run and deals its customers into chunks. A requested run with bad input or
 * for a period still open is refused (400, nothing started); the timer's run just ends when one is open.
 */
@Component
public class OpenRunDelegate implements JavaDelegate {

  /** Set by the monthlyUpdateSchedule process; a requested run has no trigger variable. */
  static final String SCHEDULED = "SCHEDULE";

  private final MonthlyUpdateService monthlyUpdate;
  private final ProcessCommands commands;

  public OpenRunDelegate(MonthlyUpdateService monthlyUpdate, ProcessCommands commands) {
    this.monthlyUpdate = monthlyUpdate;
    this.commands = commands;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<OpenedRun> run = SCHEDULED.equals(execution.getVariable("trigger"))
        ? monthlyUpdate.openScheduled(execution.getProcessInstanceId())
        : Optional.of(monthlyUpdate.openRequested(commands.read(execution, RequestMonthlyUpdate.class),
            (String) execution.getVariable("requestedBy"), execution.getProcessInstanceId()));
    execution.setVariable("runOpened", run.isPresent());
    run.ifPresent(opened -> {
      execution.setProcessBusinessKey(opened.period());
      execution.setVariable("period", opened.period());
      execution.setVariable("runId", opened.runId());
      execution.setVariable("customers", opened.customers());
      execution.setVariable("chunkCount", opened.chunkCount());
      execution.setVariable("parallelChunks", opened.parallelChunks());
      execution.setVariable("retryRound", 0);
    });
  }
}
