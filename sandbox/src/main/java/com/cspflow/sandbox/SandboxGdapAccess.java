package com.cspflow.sandbox;

import static com.cspflow.sandbox.SandboxGdapRoles.DIRECTORY_READERS;
import static com.cspflow.sandbox.SandboxGdapRoles.GLOBAL_ADMINISTRATOR;
import static com.cspflow.sandbox.SandboxGdapRoles.GLOBAL_READER;
import static com.cspflow.sandbox.SandboxGdapRoles.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR;
import static com.cspflow.sandbox.SandboxGdapRoles.USER_ADMINISTRATOR;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the consenting partner user may do in a customer's tenant since reseller relationships stopped granting
 * admin rights: only what a GDAP role gives, through an active relationship with that customer and an active
 * assignment of the role to the partner's agent group ({@code sandbox.gdap.agent-group-id}). The roles per call
 * are those of Microsoft's pages ("GDAP roles"); Global Administrator can do what any of them can. A refusal is a
 * 403 (code {@value SandboxError#GDAP_ROLE_MISSING}) whose description tells apart a missing relationship, a role
 * the relationship does not hold, and a role not assigned to the agent group.
 */
@Component
class SandboxGdapAccess {

  /** Page "Get a list of all user accounts for a customer". */
  static final List<String> READ_USERS = List.of(DIRECTORY_READERS, GLOBAL_READER, USER_ADMINISTRATOR,
      GLOBAL_ADMINISTRATOR);
  /** Page "Reset user password for a customer", for a user without an admin role. */
  static final List<String> RESET_USER_PASSWORD = List.of(USER_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
      GLOBAL_ADMINISTRATOR);
  /** Only these may reset an administrator's password: User Administrator may not touch a Global Administrator. */
  static final List<String> RESET_ADMIN_PASSWORD = List.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
      GLOBAL_ADMINISTRATOR);

  private final SandboxGdap gdap;
  private final SandboxProperties properties;

  SandboxGdapAccess(SandboxGdap gdap, SandboxProperties properties) {
    this.gdap = gdap;
    this.properties = properties;
  }

  void requireUsersRead(String customerId) {
    require(customerId, READ_USERS, "listing the customer's users");
  }

  void requirePasswordReset(String customerId, SandboxCustomers.User user) {
    if (user.globalAdmin()) {
      require(customerId, RESET_ADMIN_PASSWORD, "resetting the password of the administrator "
          + user.userPrincipalName());
    } else {
      require(customerId, RESET_USER_PASSWORD, "resetting the password of " + user.userPrincipalName());
    }
  }

  private void require(String customerId, List<String> anyOf, String action) {
    Set<String> held = gdap.activeRoles(customerId);
    if (held.isEmpty()) {
      throw refusal("There is no active GDAP relationship with customer " + customerId + ": " + action
          + " needs one with one of the roles " + SandboxGdapRoles.names(anyOf));
    }
    List<String> usable = anyOf.stream().filter(held::contains).toList();
    if (usable.isEmpty()) {
      throw refusal("The GDAP relationship with customer " + customerId + " holds none of the roles "
          + SandboxGdapRoles.names(anyOf) + " that " + action + " needs");
    }
    Set<String> assigned = gdap.rolesAssignedTo(customerId, properties.gdap().agentGroupId());
    if (usable.stream().noneMatch(assigned::contains)) {
      throw refusal("The GDAP role(s) " + SandboxGdapRoles.names(usable) + " with customer " + customerId
          + " are not assigned to the partner's security group " + properties.gdap().agentGroupId() + ": " + action
          + " needs an active access assignment of one of them to that group");
    }
  }

  private static SandboxError refusal(String description) {
    return new SandboxError(403, SandboxError.GDAP_ROLE_MISSING, description);
  }
}
