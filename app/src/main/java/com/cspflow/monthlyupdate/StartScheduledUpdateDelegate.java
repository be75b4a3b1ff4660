package com.cspflow.monthlyupdate;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_StartMonthlyUpdate: starts the month's run; the run works out the period itself and ends at once when
 * a run of that month is still open.
 */
@Component
public class StartScheduledUpdateDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(
        MonthlyUpdateService.PROCESS_KEY, Map.of("trigger", OpenRunDelegate.SCHEDULED));
  }
}
