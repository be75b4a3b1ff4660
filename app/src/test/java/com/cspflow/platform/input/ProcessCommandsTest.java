package com.cspflow.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cspflow.ordering.OrderSubscription;
import com.cspflow.platform.InvalidProcessInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

class ProcessCommandsTest {

  final ProcessCommands commands = commands();

  @Test
  void aValidOrderBindsFromPlainAndTypedValuesAndFormsWholeNumbers() {
    Map<String, Object> order = order();
    order.put("quantity", Variables.longValue(12L));
    order.put("termDuration", Variables.stringValue("P1Y"));
    assertThat(commands.bind(OrderSubscription.class, order).quantity()).isEqualTo(12);
    order.put("quantity", 12.0);
    assertThat(commands.bind(OrderSubscription.class, order).quantity()).as("a form's 12.0").isEqualTo(12);
  }

  @Test
  void numbersNeverWrapRoundOrComeFromText() {
    for (Object wrong : List.of(4294967308L, -4294967284L, 12.9, "12", "7\u0000", true, Double.NaN,
        Double.POSITIVE_INFINITY, Map.of("value", 1), List.of(1))) {
      Map<String, Object> order = order();
      order.put("quantity", wrong);
      assertThatThrownBy(() -> commands.bind(OrderSubscription.class, order)).as("quantity %s", wrong)
          .isInstanceOfSatisfying(InvalidProcessInput.class, refused ->
              assertThat(refused.problems()).containsOnlyKeys("quantity"));
    }
  }

  @Test
  void everyBadFieldIsNamedAtOnceAndNoMessageNamesAType() {
    Map<String, Object> order = order();
    order.put("quantity", "many");
    order.put("termDuration", 36);
    order.put("category", "x".repeat(10_000));
    order.put("productGroup", "Office\u0000365");
    order.put("requestedBy", "someone-else");
    order.remove("catalogItemId");
    order.put("organizationId", Variables.byteArrayValue(new byte[1024 * 1024]));

    assertThatThrownBy(() -> commands.bind(OrderSubscription.class, order))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> {
          assertThat(refused.problems()).containsOnlyKeys("quantity", "termDuration", "category", "productGroup",
              "requestedBy", "catalogItemId", "organizationId");
          assertThat(refused.problems().values()).noneMatch(problem -> problem.matches(".*(java|Integer|Long|String"
              + "|Exception|class|\\.).*"));
        });
  }

  @Test
  void aWholeNumberOfTheWrongTypeIsToldTheFieldsOwnLimitsNotTheJavaTypes() {
    Map<String, Object> order = order();
    order.put("quantity", "many");

    assertThatThrownBy(() -> commands.bind(OrderSubscription.class, order))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsEntry("quantity", "must be a whole number from 1 to " + Patterns.MAX_SEATS));
  }

  @Test
  void aSerializedObjectIsTheWrongTypeWithoutBeingDeserialized() {
    org.camunda.bpm.engine.variable.VariableMap variables = Variables.fromMap(order());
    variables.putValueTyped("category", Variables.serializedObjectValue("{}").objectTypeName("java.util.HashMap")
        .serializationDataFormat("application/json").create());

    assertThatThrownBy(() -> commands.bind(OrderSubscription.class, variables))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsOnlyKeys("category"));
  }

  @Test
  void anUnknownEnumValueIsAProblemNamingTheChoices() {
    assertThatThrownBy(() -> commands.bind(com.cspflow.activation.AddMicrosoft365.class, Map.of(
        "organizationId", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "mode", "SOMETHING", "domainPrefix", "no-dashes")))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsEntry("mode", "must be one of NEW_TENANT, MIGRATE").containsKey("domainPrefix"));
  }

  @Test
  void aChoiceIsTakenOnlyExactlyAsNamed() {
    for (String almost : List.of("NEW_TENANT\u0000", "NEW_TENANT\u0007", " NEW_TENANT", "NEW_TENANT\n", "new_tenant")) {
      assertThatThrownBy(() -> commands.bind(com.cspflow.activation.AddMicrosoft365.class, Map.of(
          "organizationId", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "mode", almost, "domainPrefix", "contoso")))
          .as("mode %s", almost).isInstanceOfSatisfying(InvalidProcessInput.class, refused ->
              assertThat(refused.problems()).containsOnlyKeys("mode"));
    }
  }

  @Test
  void theFirstStepOfAnApiStartReadsTheCheckedCommandOnlyWhileItsVariablesAreThatCommand() {
    OrderSubscription checked = commands.bind(OrderSubscription.class, order());
    Map<String, Object> variables = order();
    VariableScope scope = scopeOf(variables);
    commands.startChecked(checked);
    try {
      assertThat(commands.read(scope, OrderSubscription.class)).as("not bound and validated again").isSameAs(checked);
      variables.put("quantity", 0);
      assertThatThrownBy(() -> commands.read(scope, OrderSubscription.class)).as("changed since the check")
          .isInstanceOfSatisfying(InvalidProcessInput.class, refused ->
              assertThat(refused.problems()).containsOnlyKeys("quantity"));
    } finally {
      commands.startEnded();
    }
    variables.put("quantity", 12);
    assertThat(commands.read(scope, OrderSubscription.class)).as("after the start: bound as any read")
        .isNotSameAs(checked).isEqualTo(checked);
  }

  private static VariableScope scopeOf(Map<String, Object> variables) {
    VariableScope scope = mock(VariableScope.class);
    when(scope.getVariableTyped(anyString())).thenAnswer(call -> {
      Object value = variables.get(call.getArgument(0, String.class));
      return value == null ? null : Variables.untypedValue(value);
    });
    return scope;
  }

  private static Map<String, Object> order() {
    Map<String, Object> order = new HashMap<>();
    order.put("organizationId", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    order.put("category", "Corporate");
    order.put("productGroup", "Microsoft 365");
    order.put("catalogItemId", "CFQ7TTC0LH18:0001:CFQ7TTC09644");
    order.put("quantity", 12);
    order.put("termDuration", "P1Y");
    return order;
  }

  private static ProcessCommands commands() {
    LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
    validator.afterPropertiesSet();
    return new ProcessCommands(validator);
  }
}
