package com.cspflow.platform;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start anything but the local embedded default with a missing or documented admin password, or without
 * a secrets key of its own (CSPFLOW_SECRETS_KEY, which encrypts the stored consent and the token signing key). Runs
 * before the engine creates the admin user, so a misconfigured production node never comes up with a guessable
 * password or a key from the README.
 */
public class AdminPasswordPolicy implements EnvironmentPostProcessor, Ordered {

  static final String EMBEDDED_PROFILE = "embedded";
  static final String PASSWORD_PROPERTY = "cspflow.admin-user.password";
  /** The passwords the README and the compose file show; nobody may run with them outside a laptop. */
  static final Set<String> DOCUMENTED_DEFAULTS = Set.of("admin", "changeme", "change-me");
  static final String SECRETS_KEY_PROPERTY = "cspflow.secrets.key";
  /** The embedded default's key, in the repository for everyone to read. */
  static final String LAPTOP_SECRETS_KEY = "bGFwdG9wLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXM=";

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
    String secretsKey = environment.getProperty(SECRETS_KEY_PROPERTY, "").trim();
    if (secretsKey.isEmpty() || secretsKey.equals(LAPTOP_SECRETS_KEY)) {
      throw new IllegalStateException("Refusing to start: set CSPFLOW_SECRETS_KEY to 32 random bytes of your own,"
          + " base64 (openssl rand -base64 32), or run the local 'embedded' profile.");
    }
  }

  @Override
  public int getOrder() {
    // after ConfigDataEnvironmentPostProcessor has loaded profiles and application-*.yaml
    return Ordered.LOWEST_PRECEDENCE;
  }
}
