package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No decision in any model takes a path by default (issue 19): every flow out of a deciding exclusive gateway has a
 * condition of its own, none is the gateway's default, none matches "anything but" a value ({@code !=}), so a
 * missing variable, a typo or a new value matches no flow and the engine refuses to go on (the task stays open, the
 * job becomes an incident) instead of cancelling an order or an activation.
 */
class DecisionGatewaysTest {

  private static final Path MODELS = Path.of("..", "bpmn");
  /** "Anything but": a negated comparison, in EL's symbol or word form. */
  private static final Pattern CATCH_ALL = Pattern.compile("!=|\\bne\\b|!\\s*\\(|\\bnot\\s*\\(");

  static Stream<Path> models() throws IOException {
    List<Path> models;
    try (Stream<Path> files = Files.list(MODELS)) {
      models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).as("models in %s", MODELS.toAbsolutePath()).isNotEmpty();
    return models.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void everyDecisionIsExplicit(Path model) {
    assertThat(takenByDefault(Bpmn.readModelFromFile(model.toFile()))).isEmpty();
  }

  @Test
  void aPlantedModelWithDestructiveDefaultsFails() throws IOException {
    BpmnModelInstance planted;
    try (InputStream in = getClass().getResourceAsStream("/decision-gateways/destructive-defaults.bpmn")) {
      planted = Bpmn.readModelFromStream(in);
    }

    assertThat(takenByDefault(planted)).containsExactlyInAnyOrder(
        "Gateway_CatchAll \"Retry or cancel?\": Flow_CatchAllCancel to Task_Cancel matches anything but a value: "
            + "${decision != 'RETRY'}",
        "Gateway_Default \"Remind or cancel?\": Flow_DefaultCancel to Task_Cancel is the default flow",
        "Gateway_Default \"Remind or cancel?\": Flow_DefaultCancel to Task_Cancel has no condition",
        "Gateway_NoCondition \"Confirmed?\": Flow_UnconditionedCancel to Task_Cancel has no condition");
  }

  /** Each way a deciding gateway of the model takes a path without being told to, in words. */
  static List<String> takenByDefault(BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      // by the flows' sources, not the gateway's <outgoing> list, which a hand-written model may leave out
      List<SequenceFlow> outgoing = model.getModelElementsByType(SequenceFlow.class).stream()
          .filter(flow -> flow.getSource().equals(gateway)).toList();
      if (outgoing.size() < 2) {
        continue;
      }
      String where = gateway.getId() + " \"" + gateway.getName() + "\": ";
      Set<String> conditions = new HashSet<>();
      for (SequenceFlow flow : outgoing) {
        String what = where + flow.getId() + " to " + flow.getTarget().getId();
        if (flow.equals(gateway.getDefault())) {
          problems.add(what + " is the default flow");
        }
        ConditionExpression condition = flow.getConditionExpression();
        String text = condition == null || condition.getTextContent() == null ? "" : condition.getTextContent().trim();
        if (text.isEmpty()) {
          problems.add(what + " has no condition");
        } else if (CATCH_ALL.matcher(text).find()) {
          problems.add(what + " matches anything but a value: " + text);
        } else if (!conditions.add(text.replaceAll("\\s+", ""))) {
          problems.add(what + " repeats the condition of another flow: " + text);
        }
      }
    }
    return problems;
  }
}
