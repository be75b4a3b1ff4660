package com.cspflow.platform;

import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is acting in this engine call: the user signed in to Tasklist or authenticated on the REST API.
 * Records of who confirmed or requested something take it from here, never from a variable a caller sets.
 */
@Component
public class SignedInUser {

  private final IdentityService identityService;

  public SignedInUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public Optional<String> id() {
    return Optional.ofNullable(identityService.getCurrentAuthentication()).map(Authentication::getUserId);
  }
}
