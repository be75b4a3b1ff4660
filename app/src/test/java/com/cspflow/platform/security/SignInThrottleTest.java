package com.cspflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SignInThrottleTest {

  static final String GUESSER = "203.0.113.9";
  static final String PERSON = "198.51.100.4";

  MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
  SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(5), Duration.ofMinutes(1), clock,
      new ProblemResponses());

  @Test
  void anAddressThatKeepsSendingWrongPasswordsWaitsLongerEachRoundWhileOthersSignInAsUsual() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(GUESSER, 401)).isEqualTo(401);
    }
    MockHttpServletResponse blocked = send(GUESSER, 200);
    assertThat(blocked.getStatus()).isEqualTo(429);
    assertThat(blocked.getHeader("Retry-After")).isEqualTo("60");
    assertThat(blocked.getContentType()).isEqualTo("application/problem+json");
    assertThat(attempt(PERSON, 200)).as("someone else, even with the same user name").isEqualTo(200);

    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(GUESSER, 401)).isEqualTo(401);
    }
    assertThat(send(GUESSER, 200).getHeader("Retry-After")).as("second round: twice as long").isEqualTo("120");
  }

  @Test
  void aBlockedAddressStillServesIssuedTokensAndSessionsButNoSecretToCheck() throws Exception {
    for (int i = 0; i < 3; i++) {
      attempt(GUESSER, 401);
    }
    MockHttpServletRequest bearer = request(GUESSER, "GET", "/api/catalog");
    bearer.addHeader("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    assertThat(status(bearer, 200)).as("a partner's system behind the same address, its token issued").isEqualTo(200);
    assertThat(status(request(GUESSER, "GET", "/camunda/app/tasklist/"), 200)).as("a signed-in session")
        .isEqualTo(200);

    MockHttpServletRequest token = request(GUESSER, "POST", "/oauth2/token");
    assertThat(status(token, 200)).as("a client secret to check").isEqualTo(429);
    assertThat(status(request(GUESSER, "POST", "/camunda/api/admin/auth/user/default/login/tasklist"), 200))
        .as("the login form").isEqualTo(429);
    assertThat(attempt(GUESSER, 200)).as("a password").isEqualTo(429);
  }

  private MockHttpServletRequest request(String address, String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setRemoteAddr(address);
    return request;
  }

  private int status(MockHttpServletRequest request, int answer) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    throttle.doFilter(request, response, answering(answer));
    return response.getStatus();
  }

  @Test
  void aRefusedTokenInBetweenDoesNotLiftTheBlockNorStartANewCount() throws Exception {
    for (int i = 0; i < 3; i++) {
      attempt(GUESSER, 401);
    }
    assertThat(status(bearer(GUESSER, "Bearer junk"), 401)).isEqualTo(401);

    assertThat(attempt(GUESSER, 200)).as("the guesser's next password, within the block").isEqualTo(429);
  }

  @Test
  void tokensRefusedWhereNoTokenIsTakenLockNobodyOut() throws Exception {
    for (int i = 0; i < 3; i++) {
      MockHttpServletRequest portal = bearer(GUESSER, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
      portal.setRequestURI("/engine-rest/process-definition");
      assertThat(status(portal, 401)).isEqualTo(401);
    }

    assertThat(attempt(GUESSER, 200)).as("a person behind the portal's address").isEqualTo(200);
  }

  private MockHttpServletRequest bearer(String address, String authorization) {
    MockHttpServletRequest request = request(address, "GET", "/api/catalog");
    request.addHeader("Authorization", authorization);
    return request;
  }

  @Test
  void aSuccessfulSignInClearsTheCountAndOldFailuresAgeOut() throws Exception {
    attempt(PERSON, 401);
    attempt(PERSON, 401);
    assertThat(attempt(PERSON, 200)).isEqualTo(200);
    attempt(PERSON, 401);
    attempt(PERSON, 401);
    clock.advance(Duration.ofMinutes(6));
    attempt(PERSON, 401);
    assertThat(attempt(PERSON, 200)).as("three failures, but not within five minutes").isEqualTo(200);
  }

  @Test
  void requestsWithoutCredentialsDoNotCount() throws Exception {
    for (int i = 0; i < 10; i++) {
      MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/api/catalog");
      anonymous.setRemoteAddr(GUESSER);
      MockHttpServletResponse response = new MockHttpServletResponse();
      throttle.doFilter(anonymous, response, answering(401));
      assertThat(response.getStatus()).isEqualTo(401);
    }
  }

  private int attempt(String address, int answer) throws Exception {
    return send(address, answer).getStatus();
  }

  private MockHttpServletResponse send(String address, int answer) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/catalog");
    request.setRemoteAddr(address);
    request.addHeader("Authorization", "Basic YmFja29mZmljZTpndWVzcw==");
    MockHttpServletResponse response = new MockHttpServletResponse();
    throttle.doFilter(request, response, answering(answer));
    return response;
  }

  private static MockFilterChain answering(int status) {
    return new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(jakarta.servlet.http.HttpServletRequest req,
          jakarta.servlet.http.HttpServletResponse resp) {
        resp.setStatus(status);
      }
    });
  }
}
