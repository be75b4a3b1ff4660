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

  enum Status { IN_PROGRESS, FULFILLED }

  static class Orders {
    public void list(@RequestParam(required = false) String status) {}

    public void ofStatus(@RequestParam(required = false) Status status, @RequestParam(required = false) Integer page) {}
  }

  @Test
  void aParameterTheOperationDoesNotTakeIsRefusedNamingIt() throws Exception {
    HandlerMethod ofStatus = new HandlerMethod(new Orders(), Orders.class.getMethod("ofStatus", Status.class,
        Integer.class));
    MockHttpServletRequest typo = new MockHttpServletRequest("GET", "/api/partners/partner-1/orders");
    typo.setQueryString("stauts=FULFILLED&page=1");
    typo.addParameter("stauts", "FULFILLED");
    typo.addParameter("page", "1");

    assertThatThrownBy(() -> new OneValuePerParameter().preHandle(typo, new MockHttpServletResponse(), ofStatus))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems()).containsExactly(
            java.util.Map.entry("stauts", "is not a parameter of this operation; it takes page, status")));
  }

  @Test
  void anEmptyChoiceIsRefusedAndADeclaredParameterPasses() throws Exception {
    HandlerMethod ofStatus = new HandlerMethod(new Orders(), Orders.class.getMethod("ofStatus", Status.class,
        Integer.class));
    MockHttpServletRequest empty = new MockHttpServletRequest("GET", "/api/partners/partner-1/orders");
    empty.setQueryString("status=");
    empty.addParameter("status", "");
    assertThatThrownBy(() -> new OneValuePerParameter().preHandle(empty, new MockHttpServletResponse(), ofStatus))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsEntry("status", "must be one of IN_PROGRESS, FULFILLED, or left out"));

    MockHttpServletRequest fine = new MockHttpServletRequest("GET", "/api/partners/partner-1/orders");
    fine.setQueryString("status=FULFILLED&page=2");
    fine.addParameter("status", "FULFILLED");
    fine.addParameter("page", "2");
    assertThat(new OneValuePerParameter().preHandle(fine, new MockHttpServletResponse(), ofStatus)).isTrue();
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
