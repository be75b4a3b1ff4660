package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_UpdateChunk, one instance per chunk: the chunk number is the multi-instance loop counter. */
@Component
public class UpdateChunkDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public UpdateChunkDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monthlyUpdate.updateChunk((String) execution.getVariable("runId"),
        (Integer) execution.getVariable("loopCounter"));
  }
}
