package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's check of a start, as a caller of the API meets it: a grant is remembered for a few seconds, a
 * refusal never, and a revoked permission refuses starts once that time has passed.
 */
@CspflowSpringTest
class RememberedStartPermissionsTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;

  final String user = "start-check-" + UUID.randomUUID();
  final String group = "group-" + UUID.randomUUID();

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void aGrantedStartIsRememberedForSecondsAndARefusalNotAtAll() throws InterruptedException {
    ProcessDefinition orders = repositoryService.createProcessDefinitionQuery().processDefinitionKey(
        "subscriptionOrder").latestVersion().singleResult();
    assertThatThrownBy(() -> checkStart(orders)).as("no permission yet").isInstanceOf(AuthorizationException.class);

    List<Authorization> granted = List.of(
        grant(Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE),
        grant(Resources.PROCESS_DEFINITION, orders.getKey(), Permissions.CREATE_INSTANCE));
    assertThatCode(() -> checkStart(orders)).as("granted at once: the refusal was not remembered")
        .doesNotThrowAnyException();

    granted.forEach(a -> authorizationService.deleteAuthorization(a.getId()));
    assertThatCode(() -> checkStart(orders)).as("the grant is remembered").doesNotThrowAnyException();
    Thread.sleep(Duration.ofSeconds(RememberedStartPermissions.REMEMBERED_FOR_SECONDS).plusMillis(500).toMillis());
    assertThatThrownBy(() -> checkStart(orders)).as("revoked, once the time has passed")
        .isInstanceOf(AuthorizationException.class);
  }

  private Authorization grant(Resources resource, String resourceId, Permissions permission) {
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    return authorizationService.saveAuthorization(authorization);
  }

  /** The checks the engine runs when the caller starts an instance of {@code definition}. */
  private void checkStart(ProcessDefinition definition) {
    identityService.setAuthentication(user, List.of(group));
    try {
      configuration.getCommandExecutorTxRequired().execute(context -> {
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkCreateProcessInstance(definition);
        }
        return null;
      });
    } finally {
      identityService.clearAuthentication();
    }
  }
}
