package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/** Verified credentials are remembered for a short while; wrong ones never are. */
@CspflowSpringTest
class RememberedBasicAuthenticationTest {

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;

  final MovableClock clock = new MovableClock();
  final RememberedBasicAuthentication authentication =
      new RememberedBasicAuthentication(Duration.ofMinutes(1), clock);
  String userId;

  @BeforeEach
  void aUserOfTheIntegrationGroup() {
    userId = "remember" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(userId);
    user.setPassword("first-secret");
    identityService.saveUser(user);
    identityService.createMembership(userId, CspflowGroups.INTEGRATION);
  }

  @AfterEach
  void removeTheUser() {
    identityService.deleteUser(userId);
  }

  @Test
  void aVerifiedPasswordIsRememberedWithTheGroupsUntilTheRememberingTimeIsOver() {
    assertThat(signIn("first-secret").getGroups()).containsExactly(CspflowGroups.INTEGRATION);
    changePassword("second-secret");

    AuthenticationResult remembered = signIn("first-secret");
    assertThat(remembered.isAuthenticated()).isTrue();
    assertThat(remembered.getAuthenticatedUser()).isEqualTo(userId);
    assertThat(remembered.getGroups()).containsExactly(CspflowGroups.INTEGRATION);

    clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("first-secret").isAuthenticated()).isFalse();
    identityService.unlockUser(userId);
    assertThat(signIn("second-secret").isAuthenticated()).isTrue();
  }

  @Test
  void aWrongPasswordIsCheckedByCamundaEveryTime() {
    assertThat(signIn("wrong").isAuthenticated()).isFalse();
    identityService.unlockUser(userId);
    changePassword("wrong");

    assertThat(signIn("wrong").isAuthenticated()).isTrue();
  }

  private AuthenticationResult signIn(String password) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return authentication.extractAuthenticatedUser(request, engine);
  }

  private void changePassword(String password) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identityService.saveUser(user);
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
