package com.cspflow.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Remembers for {@value #REMEMBERED_FOR_SECONDS} seconds that a signed-in caller (user and groups) may start a
 * process: the engine's authorization check of a start (create a process instance, create an instance of the
 * definition) ran four queries for every order the portal placed, one in eight of an order request's CPU and of the
 * database's statements, for the same answer. Only a granted start is remembered, never a refusal: a permission
 * granted in Admin applies at once, one revoked (the administrator's switch) within {@value #REMEMBERED_FOR_SECONDS}
 * seconds on every node. Every other check is the engine's own, as is the start's check with authorization off.
 */
@Component
public class RememberedStartPermissions extends AbstractProcessEnginePlugin {

  static final long REMEMBERED_FOR_SECONDS = 5;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // The engine's own list (ProcessEngineConfigurationImpl#initCommandCheckers), with the start remembered
    configuration.setCommandCheckers(new ArrayList<>(List.of(new TenantCommandChecker(),
        new Checker(configuration, Duration.ofSeconds(REMEMBERED_FOR_SECONDS)))));
  }

  /** Who may start which process definition (by key). */
  private record Start(String userId, Set<String> groupIds, String processDefinitionKey) {}

  static final class Checker extends AuthorizationCommandChecker {

    private final ProcessEngineConfigurationImpl configuration;
    private final Cache<Start, Boolean> granted;

    Checker(ProcessEngineConfigurationImpl configuration, Duration rememberedFor) {
      this.configuration = configuration;
      granted = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(rememberedFor).build();
    }

    @Override
    public void checkCreateProcessInstance(ProcessDefinition definition) {
      CommandContext context = Context.getCommandContext();
      Authentication caller = context.getAuthentication();
      if (!configuration.isAuthorizationEnabled() || !context.isAuthorizationCheckEnabled() || caller == null
          || caller.getUserId() == null) {
        super.checkCreateProcessInstance(definition);
        return;
      }
      Start start = new Start(caller.getUserId(), caller.getGroupIds() == null ? Set.of()
          : Set.copyOf(caller.getGroupIds()), definition.getKey());
      if (granted.getIfPresent(start) == null) {
        super.checkCreateProcessInstance(definition);
        granted.put(start, Boolean.TRUE);
      }
    }
  }
}
