package com.cspflow.platform;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator, cspflow's groups, their authorizations and the configured local users. Idempotent:
 * every start brings the identity data to the same state without duplicating anything; nodes take turns
 * ({@link com.cspflow.platform.cluster.StartupTasks}). The administrator is made here, not by Camunda's starter,
 * whose check-then-create would race on two nodes starting together.
 */
@Component
public class IdentityBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final LocalUsersProperties localUsers;
  private final String adminUserId;
  private final String adminPassword;

  public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
      LocalUsersProperties localUsers, @Value("${cspflow.admin-user.id}") String adminUserId,
      @Value("${cspflow.admin-user.password}") String adminPassword) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.localUsers = localUsers;
    this.adminUserId = adminUserId;
    this.adminPassword = adminPassword;
  }

  public void createGroupsAndUsers() {
    administrator();
    group(CspflowGroups.BACKOFFICE, "Back office");
    grant(CspflowGroups.BACKOFFICE, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(CspflowGroups.BACKOFFICE, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(CspflowGroups.BACKOFFICE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    grant(CspflowGroups.BACKOFFICE, Resources.FILTER, ANY, Permissions.READ);

    group(CspflowGroups.PROCESS_OWNERS, "Process owners");
    grant(CspflowGroups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(CspflowGroups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.RETRY_JOB);
    grant(CspflowGroups.PROCESS_OWNERS, Resources.PROCESS_INSTANCE, ANY,
        ProcessInstancePermissions.READ, ProcessInstancePermissions.RETRY_JOB);
    grant(CspflowGroups.PROCESS_OWNERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(CspflowGroups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);

    group(CspflowGroups.INTEGRATION, "Integration (REST)");
    grant(CspflowGroups.INTEGRATION, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(CspflowGroups.INTEGRATION, Resources.PROCESS_INSTANCE, ANY,
        ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ);

    localUsers.users().forEach(this::user);
  }

  /** Camunda's administrator: group camunda-admin with every permission on every resource, and its one user. */
  private void administrator() {
    group(Groups.CAMUNDA_ADMIN, "camunda BPM Administrators", Groups.GROUP_TYPE_SYSTEM);
    for (Resource resource : Resources.values()) {
      Authorization all = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
          .groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource).resourceId(ANY).singleResult();
      if (all == null) {
        all = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId(ANY);
        all.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(all);
      }
    }
    if (identityService.createUserQuery().userId(adminUserId).count() == 0) {
      User admin = identityService.newUser(adminUserId);
      admin.setFirstName("cspflow");
      admin.setLastName("Administrator");
      admin.setPassword(adminPassword);
      identityService.saveUser(admin);
      LOG.info("Created the administrator {}", adminUserId);
    }
    if (identityService.createUserQuery().userId(adminUserId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identityService.createMembership(adminUserId, Groups.CAMUNDA_ADMIN);
    }
  }

  private void group(String id, String name) {
    group(id, name, "WORKFLOW");
  }

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
      LOG.info("Created group {}", id);
    }
  }

  private void user(LocalUsersProperties.LocalUser local) {
    if (identityService.createUserQuery().userId(local.id()).count() == 0) {
      User user = identityService.newUser(local.id());
      user.setFirstName(local.firstName());
      user.setLastName(local.lastName());
      user.setPassword(local.password());
      identityService.saveUser(user);
      LOG.info("Created local user {} in group {}", local.id(), local.group());
    }
    if (identityService.createUserQuery().userId(local.id()).memberOfGroup(local.group()).count() == 0) {
      identityService.createMembership(local.id(), local.group());
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean missing = false;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
