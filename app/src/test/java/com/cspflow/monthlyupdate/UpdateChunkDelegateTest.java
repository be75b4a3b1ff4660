package com.cspflow.monthlyupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/**
 * Which chunk a chunk job updates: a stream's turn under this model; the loop counter itself for a run opened under
 * the model's previous version (one instance per chunk, no streams), which may still be running when this one is
 * deployed.
 */
class UpdateChunkDelegateTest {

  @Test
  void aStreamsTurnIsItsChunkDealtRoundRobin() {
    assertThat(UpdateChunkDelegate.chunkNo(execution(0, 3, 16))).isEqualTo(3);
    assertThat(UpdateChunkDelegate.chunkNo(execution(2, 3, 16))).isEqualTo(35);
  }

  @Test
  void aRunOpenedUnderThePreviousModelCountsChunksByItsLoopCounter() {
    assertThat(UpdateChunkDelegate.chunkNo(execution(7, null, null))).isEqualTo(7);
  }

  private static DelegateExecution execution(int loopCounter, Integer stream, Integer parallelChunks) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable("loopCounter")).thenReturn(loopCounter);
    when(execution.getVariable("stream")).thenReturn(stream);
    when(execution.getVariable("parallelChunks")).thenReturn(parallelChunks);
    return execution;
  }
}
