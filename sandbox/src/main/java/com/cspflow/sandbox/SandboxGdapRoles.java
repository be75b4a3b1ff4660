package com.cspflow.sandbox;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Entra's built-in role definitions the sandbox's GDAP checks for, by their real ids, so that a client sends and
 * reads the same ids here as at Microsoft. Any other role id is accepted in a relationship and shown as its id.
 */
final class SandboxGdapRoles {

  static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
  static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
  static final String USER_ADMINISTRATOR = "fe930be7-5e62-47db-91af-98c3a49a38b1";
  static final String PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
  static final String HELPDESK_ADMINISTRATOR = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
  static final String LICENSE_ADMINISTRATOR = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
  static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  private static final Map<String, String> NAMES = Map.of(
      DIRECTORY_READERS, "Directory Readers",
      GLOBAL_READER, "Global Reader",
      USER_ADMINISTRATOR, "User Administrator",
      PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, "Privileged Authentication Administrator",
      HELPDESK_ADMINISTRATOR, "Helpdesk Administrator",
      LICENSE_ADMINISTRATOR, "License Administrator",
      GLOBAL_ADMINISTRATOR, "Global Administrator");

  private SandboxGdapRoles() {}

  static boolean isGuid(String value) {
    return value != null && GUID.matcher(value).matches();
  }

  /** "User Administrator (fe930be7-...)" for the roles the sandbox knows, the bare id for any other. */
  static String names(Collection<String> roleIds) {
    return roleIds.stream()
        .map(id -> NAMES.containsKey(id) ? NAMES.get(id) + " (" + id + ")" : id)
        .collect(Collectors.joining(", "));
  }
}
