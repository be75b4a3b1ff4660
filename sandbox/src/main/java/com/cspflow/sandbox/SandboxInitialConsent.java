package com.cspflow.sandbox;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The consent behind {@code sandbox.refresh-token}, made before the sandbox listens: a laptop, compose or test setup
 * hands the same first refresh token to cspflow, and cspflow's first app+user call must find it redeemable.
 */
@Component
class SandboxInitialConsent implements SmartInitializingSingleton {

  private final SandboxConsents consents;
  private final SandboxProperties properties;

  SandboxInitialConsent(SandboxConsents consents, SandboxProperties properties) {
    this.consents = consents;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (properties.refreshToken() != null && !properties.refreshToken().isBlank()) {
      consents.createWithToken(properties.refreshToken());
    }
  }
}
