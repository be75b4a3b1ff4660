package com.cspflow.platform;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates cspflow's groups, their authorizations and the configured local users. Idempotent: every start
 * brings the identity data to the same state without duplicating anything.
 */
@Component
public class IdentityBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final LocalUsersProperties localUsers;

  public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
      LocalUsersProperties localUsers) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.localUsers = localUsers;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void createGroupsAndUsers() {
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

  private void group(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
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
