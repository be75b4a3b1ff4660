package com.cspflow.csp.consent;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/cspConsent}: UP with when the Partner Center consent was given, last used and when it
 * expires if unused; DOWN with Microsoft's reason while Microsoft refuses it (app+user calls wait until it is
 * renewed); UNKNOWN while none is stored. Never the token.
 */
@Component("cspConsentHealthIndicator")
public class ConsentHealth implements HealthIndicator {

  private final ConsentStore store;

  public ConsentHealth(ConsentStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    return store.state().map(state -> {
      Health.Builder health = state.refused() ? Health.down() : Health.up();
      health.withDetail("version", state.version())
          .withDetail("givenAt", state.givenAt().toString())
          .withDetail("givenBy", state.givenBy())
          .withDetail("lastUsedAt", state.lastUsedAt() == null ? "never" : state.lastUsedAt().toString())
          .withDetail("expiresIfUnusedAt", state.expiresIfUnusedAt().toString());
      if (state.refused()) {
        health.withDetail("refusedAt", state.refusedAt().toString())
            .withDetail("refusal", "AADSTS" + state.refusalCode() + ": " + state.refusal())
            .withDetail("renew", ConsentUnavailable.HOW_TO_RENEW);
      }
      return health.build();
    }).orElseGet(() -> Health.unknown().withDetail("renew", "No consent is stored. " + ConsentUnavailable.HOW_TO_RENEW)
        .build());
  }
}
