package com.cspflow.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Remembers for {@value #REMEMBERED_FOR_SECONDS} seconds which version of a process is the latest: a start by key (every
 * order the portal places) asked the database for the latest version of its process each time, the costliest statement
 * of an order's start to map (a join over all versions, every column of the definition) and 8 % of an order request's
 * CPU in the order benchmark's profile, for the same answer. The version comes from this node's deployment cache, as
 * before. A version deployed on this node, or a definition suspended, activated or deleted here, is seen by the next
 * start; one deployed, suspended or activated on another node within {@value #REMEMBERED_FOR_SECONDS} seconds (as a
 * permission revoked there, {@link RememberedStartPermissions}). Which versions a caller may see depends on its tenants,
 * so the answer is remembered per caller's tenants. Within the start's own command, lookups of that version by id (its
 * history, its first job's retry cycle) find it as they found the version read from the database. Everything else (by
 * id in other commands, by version, by tenant) is the engine's own.
 */
@Component
public class RememberedLatestDefinitions extends AbstractProcessEnginePlugin {

  static final long REMEMBERED_FOR_SECONDS = 5;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The factory of the engine's process definition manager, by its session type (the engine's own exists by now)
    configuration.getSessionFactories().put(ProcessDefinitionManager.class,
        new Factory(Duration.ofSeconds(REMEMBERED_FOR_SECONDS)));
  }

  /** A key's latest version as one set of tenants sees it (all of them when the tenant check is off). */
  private record Latest(String key, Set<String> tenantIds) {}

  static final class Factory implements SessionFactory {

    private final Cache<Latest, String> latestIds;

    Factory(Duration rememberedFor) {
      latestIds = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(rememberedFor).build();
    }

    @Override
    public Class<?> getSessionType() {
      return ProcessDefinitionManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager(latestIds);
    }
  }

  static final class Manager extends ProcessDefinitionManager {

    /** Tenants of a caller for whom the tenant check is off: every version is visible. */
    private static final Set<String> ALL_TENANTS = Set.of("*");

    private final Cache<Latest, String> latestIds;

    /**
     * The versions this command took from memory, by id. Read from the database, the command would hold them as read
     * and its later lookups by id (its history, its jobs' retry cycle) would find them there without reading again.
     */
    private final Map<String, ProcessDefinitionEntity> takenFromMemory = new HashMap<>();

    Manager(Cache<Latest, String> latestIds) {
      this.latestIds = latestIds;
    }

    @Override
    public ProcessDefinitionEntity findLatestDefinitionByKey(String key) {
      Latest latest = new Latest(key, tenantsOfCaller());
      String id = latestIds.getIfPresent(latest);
      ProcessDefinitionEntity deployed = id == null ? null
          : Context.getProcessEngineConfiguration().getDeploymentCache().findProcessDefinitionFromCache(id);
      if (deployed != null) {
        takenFromMemory.put(id, deployed);
        return deployed;
      }
      ProcessDefinitionEntity found = super.findLatestDefinitionByKey(key);
      if (found != null) {
        latestIds.put(latest, found.getId());
      }
      return found;
    }

    /** As read by this command, or as this command took it from memory. */
    @Override
    public ProcessDefinitionEntity getCachedResourceDefinitionEntity(String id) {
      ProcessDefinitionEntity read = super.getCachedResourceDefinitionEntity(id);
      return read != null ? read : takenFromMemory.get(id);
    }

    private Set<String> tenantsOfCaller() {
      if (!getTenantManager().isTenantCheckEnabled()) {
        return ALL_TENANTS;
      }
      Authentication caller = Context.getCommandContext().getAuthentication();
      List<String> tenantIds = caller == null ? null : caller.getTenantIds();
      return tenantIds == null ? Set.of() : Set.copyOf(tenantIds);
    }

    @Override
    public void insertProcessDefinition(ProcessDefinitionEntity definition) {
      super.insertProcessDefinition(definition);
      forgetAll();
    }

    @Override
    public void updateProcessDefinitionSuspensionStateById(String id, SuspensionState state) {
      super.updateProcessDefinitionSuspensionStateById(id, state);
      forgetAll();
    }

    @Override
    public void updateProcessDefinitionSuspensionStateByKey(String key, SuspensionState state) {
      super.updateProcessDefinitionSuspensionStateByKey(key, state);
      forgetAll();
    }

    @Override
    public void updateProcessDefinitionSuspensionStateByKeyAndTenantId(String key, String tenantId,
        SuspensionState state) {
      super.updateProcessDefinitionSuspensionStateByKeyAndTenantId(key, tenantId, state);
      forgetAll();
    }

    @Override
    public void deleteProcessDefinition(ProcessDefinition definition, String id, boolean cascade,
        boolean cascadeToHistory, boolean skipCustomListeners, boolean skipIoMappings) {
      super.deleteProcessDefinition(definition, id, cascade, cascadeToHistory, skipCustomListeners, skipIoMappings);
      forgetAll();
    }

    /**
     * After this command: a start that remembered in between (it read the database before this command committed)
     * would keep the old answer.
     */
    private void forgetAll() {
      latestIds.invalidateAll();
      Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          committed -> latestIds.invalidateAll());
    }
  }
}
