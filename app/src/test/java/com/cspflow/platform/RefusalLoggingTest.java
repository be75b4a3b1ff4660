package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.cancellation.SubscriptionCancellationService;
import com.cspflow.support.ApiCallers;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

/**
 * A request the engine refuses because of what the caller sent (4xx) is the caller's mistake: it leaves no ERROR line
 * and no stack trace, however often a caller repeats it. A failure of the engine or of our code is still logged at
 * ERROR with its stack trace.
 */
@CspflowSpringTest
@ExtendWith(OutputCaptureExtension.class)
class RefusalLoggingTest {

  @Autowired ApiCallers callers;
  @Autowired ProcessEngine engine;

  @Test
  void aRefusedEngineRestRequestLeavesNoErrorAndNoStackTrace(CapturedOutput log) {
    ResponseEntity<String> refused = callers.admin().postForEntity("/engine-rest/process-definition/key/"
        + SubscriptionCancellationService.PROCESS_KEY + "/start", ApiCallers.json(Map.of("variables",
            Map.of("subscriptionId", Map.of("value", "nope", "type", "String")))), String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("\tat ");
    assertThat(log.getAll().lines().filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")))
        .noneMatch(line -> line.contains("subscriptionId") || line.contains("Invalid input"));
  }

  @Test
  void aGenuineFailureInsideTheEngineIsStillAnErrorWithItsStackTrace(CapturedOutput log) {
    assertThatThrownBy(() -> execute(context -> {
      throw new IllegalStateException("a genuine failure");
    })).hasMessage("a genuine failure");
    assertThat(log.getAll()).contains("ERROR").contains("ENGINE-16004").contains("a genuine failure")
        .contains("\tat ");
  }

  @Test
  void aServerSideRestExceptionInsideTheEngineIsStillAnError(CapturedOutput log) {
    assertThatThrownBy(() -> execute(context -> {
      throw new RestException(Response.Status.INTERNAL_SERVER_ERROR, "our own 500");
    })).hasMessage("our own 500");
    assertThat(log.getAll()).contains("ERROR").contains("ENGINE-16004").contains("our own 500");
  }

  private void execute(Command<Void> command) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }
}
