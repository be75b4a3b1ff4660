package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_UpdateChunk, one instance per chunk: a stream ({@code stream}, of {@code parallelChunks}) updates its chunks one
 * after another, and the inner loop counter is its turn.
 */
@Component
public class UpdateChunkDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public UpdateChunkDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monthlyUpdate.updateChunkOfStream((String) execution.getVariable("runId"),
        (Integer) execution.getVariable("stream"), (Integer) execution.getVariable("parallelChunks"),
        (Integer) execution.getVariable("loopCounter"));
  }
}
