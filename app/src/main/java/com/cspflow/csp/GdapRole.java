package com.cspflow.csp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Microsoft Entra built-in roles GDAP can give a partner in a customer's tenant, as far as cspflow asks for them,
 * by their role definition ids: the same ids in every tenant, and what Microsoft Graph's GDAP API sends and reads.
 * Since 9 October 2023 a reseller relationship gives no admin rights; only these roles, in an active GDAP
 * relationship and assigned to a partner security group, do.
 */
public enum GdapRole {
  DIRECTORY_READERS("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"),
  GLOBAL_READER("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
  USER_ADMINISTRATOR("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
  PRIVILEGED_AUTHENTICATION_ADMINISTRATOR("7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
      "Privileged Authentication Administrator"),
  LICENSE_ADMINISTRATOR("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"),
  HELPDESK_ADMINISTRATOR("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
  /** Can do what any other role can; Microsoft refuses to extend a relationship holding it automatically. */
  GLOBAL_ADMINISTRATOR("62e90394-69f5-4237-9190-012177145e10", "Global Administrator");

  private final String roleDefinitionId;
  private final String displayName;

  GdapRole(String roleDefinitionId, String displayName) {
    this.roleDefinitionId = roleDefinitionId;
    this.displayName = displayName;
  }

  public String roleDefinitionId() {
    return roleDefinitionId;
  }

  public String displayName() {
    return displayName;
  }

  /** The role with this definition id; empty for a role cspflow does not name (Graph may hold any). */
  public static Optional<GdapRole> byId(String roleDefinitionId) {
    String id = roleDefinitionId == null ? "" : roleDefinitionId.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(role -> role.roleDefinitionId.equals(id)).findFirst();
  }
}
