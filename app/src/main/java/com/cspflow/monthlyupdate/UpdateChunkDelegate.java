package com.cspflow.monthlyupdate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_UpdateChunk, one instance per chunk: a stream ({@code stream}, of {@code parallelChunks}) updates its chunks one
 * after another, and the inner loop counter is its turn. A run opened under the model's previous version, still
 * running when this version is deployed, has no streams: there the loop counter is the chunk number.
 */
@Component
public class UpdateChunkDelegate implements JavaDelegate {

  private final MonthlyUpdateService monthlyUpdate;

  public UpdateChunkDelegate(MonthlyUpdateService monthlyUpdate) {
    this.monthlyUpdate = monthlyUpdate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monthlyUpdate.updateChunk((String) execution.getVariable("runId"), chunkNo(execution));
  }

  static int chunkNo(DelegateExecution execution) {
    int turn = (Integer) execution.getVariable("loopCounter");
    Integer stream = (Integer) execution.getVariable("stream");
    return stream == null ? turn
        : MonthlyUpdateSettings.chunkOf(stream, (Integer) execution.getVariable("parallelChunks"), turn);
  }
}
