package com.cspflow.platform;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start anything but the local embedded default with a missing or documented admin password.
 * Runs before the engine creates the admin user, so a misconfigured production node never comes up with
 * a guessable password.
 */
public class AdminPasswordPolicy implements EnvironmentPostProcessor, Ordered {

  static final String EMBEDDED_PROFILE = "embedded";
  static final String PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
  /** The passwords the README and the compose file show; nobody may run with them outside a laptop. */
  static final Set<String> DOCUMENTED_DEFAULTS = Set.of("admin", "changeme", "change-me");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE))) {
      return;
    }
    String password = environment.getProperty(PASSWORD_PROPERTY, "");
    if (password.isBlank() || DOCUMENTED_DEFAULTS.contains(password.trim().toLowerCase())) {
      throw new IllegalStateException("Refusing to start: set CSPFLOW_ADMIN_PASSWORD to a secret of your own"
          + " (it is missing or one of the documented defaults) or run the local 'embedded' profile.");
    }
  }

  @Override
  public int getOrder() {
    // after ConfigDataEnvironmentPostProcessor has loaded profiles and application-*.yaml
    return Ordered.LOWEST_PRECEDENCE;
  }
}
