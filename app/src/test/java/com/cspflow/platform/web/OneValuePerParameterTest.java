package com.cspflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.platform.InvalidProcessInput;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * A parameter given twice is refused on the first request to an endpoint too: Spring learns the names of a handler's
 * parameters when it first calls the handler, after the interceptors, so a check that asked Spring for the name of a
 * parameter without an explicit one found none on the first call after start.
 */
class OneValuePerParameterTest {

  static class Orders {
    public void list(@RequestParam(required = false) String status) {}
  }

  @Test
  void aParameterGivenTwiceIsRefusedOnTheFirstCallOfAnEndpoint() throws Exception {
    HandlerMethod neverCalled = new HandlerMethod(new Orders(), Orders.class.getMethod("list", String.class));
    MockHttpServletRequest twoStatuses = new MockHttpServletRequest("GET", "/api/partners/partner-1/orders");
    twoStatuses.addParameter("status", "IN_PROGRESS", "FULFILLED");

    assertThatThrownBy(() -> new OneValuePerParameter().preHandle(twoStatuses, new MockHttpServletResponse(),
        neverCalled)).isInstanceOfSatisfying(InvalidProcessInput.class, refused ->
        assertThat(refused.problems()).containsEntry("status", "is given more than once"));
  }
}
