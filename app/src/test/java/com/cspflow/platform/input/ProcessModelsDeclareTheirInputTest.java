package com.cspflow.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Every way a person or system can put data into a process is a typed command: each none start event of every model
 * has a start command, each user task a completion command. A model written next year without one cannot be started
 * or completed by anyone but an administrator ({@link ProcessEntryGuard}), and this test says so at build time.
 */
class ProcessModelsDeclareTheirInputTest {

  @Test
  void everyStartEventAndUserTaskOfEveryModelHasACommand() throws IOException {
    LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
    validator.afterPropertiesSet();
    ProcessCommands commands = new ProcessCommands(validator);
    List<String> undeclared = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("..", "bpmn"))) {
      for (Path file : models.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process process : model.getModelElementsByType(Process.class)) {
          boolean startedByHand = process.getChildElementsByType(StartEvent.class).stream()
              .anyMatch(start -> start.getEventDefinitions().isEmpty());
          if (startedByHand && commands.startCommand(process.getId()).isEmpty()) {
            undeclared.add(process.getId() + ": its start");
          }
          for (UserTask task : process.getChildElementsByType(UserTask.class)) {
            if (commands.taskCommand(process.getId(), task.getId()).isEmpty()) {
              undeclared.add(process.getId() + ": " + task.getId());
            }
          }
        }
      }
    }
    assertThat(undeclared).as("starts and user tasks without a typed command").isEmpty();
    assertThat(commands.startableProcesses()).doesNotContain("monthlyUpdateSchedule");
  }
}
