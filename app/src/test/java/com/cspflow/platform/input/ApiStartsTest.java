package com.cspflow.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import com.cspflow.ordering.OrderSubscription;
import com.cspflow.ordering.OrderingService;
import com.cspflow.platform.InvalidProcessInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A start of the project API is checked on the command the API bound ({@link ProcessEntryGuard#startingWith}), and
 * only when the start is made of exactly that command: a start with other variables inside it is checked as any
 * caller's. Either way a refused start starts nothing.
 */
@CspflowSpringTest
class ApiStartsTest {

  @Autowired ProcessEntryGuard guard;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;

  @BeforeEach
  void signInAsAnApiClient() {
    identityService.setAuthentication("client:someone", List.of("api-partner"));
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void anInvalidCommandIsRefusedNamingTheField() {
    OrderSubscription zeroSeats = order(0);

    assertRefused(zeroSeats, ProcessCommands.variablesOf(zeroSeats), "quantity");
  }

  @Test
  void aStartWithVariablesBesideTheCommandIsCheckedAsAnyCallersIs() {
    OrderSubscription valid = order(3);
    Map<String, Object> more = new LinkedHashMap<>(ProcessCommands.variablesOf(valid));
    more.put("status", "FULFILLED");

    assertRefused(valid, more, "status");
  }

  private void assertRefused(OrderSubscription command, Map<String, Object> variables, String field) {
    long before = runtimeService.createProcessInstanceQuery().count();
    Map<String, Object> plain = new LinkedHashMap<>(variables);
    plain.values().removeIf(Objects::isNull); // the API starts with the fields that have a value

    assertThatThrownBy(() -> guard.startingWith(command,
        () -> runtimeService.startProcessInstanceByKey(OrderingService.PROCESS_KEY, plain)))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems()).containsKey(field));
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("nothing started").isEqualTo(before);
  }

  private static OrderSubscription order(int quantity) {
    return new OrderSubscription(UUID.randomUUID().toString(), "Corporate", "Microsoft 365",
        "CFQ7TTC0LH18:0001:CFQ7TTC09644", quantity, "P1Y", null);
  }
}
