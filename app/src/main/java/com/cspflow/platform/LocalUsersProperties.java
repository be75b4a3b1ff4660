package com.cspflow.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Sign-in users created at start-up, one per group; only the embedded default and the tests define any. */
@ConfigurationProperties("cspflow.local-users")
public record LocalUsersProperties(List<LocalUser> users) {

  public LocalUsersProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record LocalUser(String id, String password, String group, String firstName, String lastName) {}
}
