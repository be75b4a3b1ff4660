package com.cspflow.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionContext;
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
 * Remembers for {@value #REMEMBERED_FOR_SECONDS} seconds which version of a process is the latest: a start by key
 * (every order the portal places) asked the database for the latest version of its process each time, the costliest
 * statement of an order's start to map (a join over all versions, every column of the definition) and 8 % of an order
 * request's CPU in the order benchmark's profile, for the same answer. The version comes from this node's deployment
 * cache, as before.
 * <ul>
 *   <li>A version deployed on this node, or a definition suspended, activated or deleted here, is seen by the next
 *       start: the memory is forgotten at the change and again when its transaction ends (committed or rolled back),
 *       and an answer read while a change was under way is not remembered.
 *   <li>Another node's change within {@value #REMEMBERED_FOR_SECONDS} seconds, as a permission revoked there
 *       ({@link RememberedStartPermissions}): a new version or a suspension (until then, starts still start the
 *       version remembered), a definition deleted (until then, starts of it fail instead of starting the previous
 *       version), a new history time to live (until then, new instances' removal times follow the previous one).
 *   <li>Which versions a caller may see depends on its tenants, so the answer is remembered per caller's tenants.
 *   <li>Within the start's own command, lookups of that version by id (its history, its first job's retry cycle) find
 *       it as they found the version read from the database. Everything else (by id in other commands, by version, by
 *       tenant) is the engine's own.
 * </ul>
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

  /**
   * A key's latest version as a caller sees it: of every tenant when the tenant check is off for it, else of no tenant
   * and of its own.
   */
  private record Latest(String key, boolean allTenants, Set<String> tenantIds) {}

  /**
   * The latest versions remembered, and a count of the changes that make them stale: an answer read while one was
   * made is not remembered.
   */
  static final class Memory {

    private final Cache<Latest, String> latestIds;
    private final AtomicLong changes = new AtomicLong();

    Memory(Duration rememberedFor) {
      latestIds = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(rememberedFor).build();
    }

    String latestId(Latest latest) {
      return latestIds.getIfPresent(latest);
    }

    long changesSoFar() {
      return changes.get();
    }

    /** Remembers an answer read after {@code changesBefore} changes, unless another change came since. */
    void remember(Latest latest, String id, long changesBefore) {
      if (changes.get() == changesBefore) {
        latestIds.put(latest, id);
        if (changes.get() != changesBefore) {
          latestIds.invalidate(latest);
        }
      }
    }

    void forgetAll() {
      changes.incrementAndGet();
      latestIds.invalidateAll();
    }
  }

  static final class Factory implements SessionFactory {

    private final Memory memory;

    Factory(Duration rememberedFor) {
      memory = new Memory(rememberedFor);
    }

    @Override
    public Class<?> getSessionType() {
      return ProcessDefinitionManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager(memory);
    }
  }

  static final class Manager extends ProcessDefinitionManager {

    private final Memory memory;

    /**
     * The versions this command took from memory, by id. Read from the database, the command would hold them as read
     * and its later lookups by id (its history, its jobs' retry cycle) would find them there without reading again.
     */
    private final Map<String, ProcessDefinitionEntity> takenFromMemory = new HashMap<>();

    Manager(Memory memory) {
      this.memory = memory;
    }

    @Override
    public ProcessDefinitionEntity findLatestDefinitionByKey(String key) {
      Latest latest = asTheCallerSeesIt(key);
      String id = memory.latestId(latest);
      ProcessDefinitionEntity deployed = id == null ? null
          : Context.getProcessEngineConfiguration().getDeploymentCache().findProcessDefinitionFromCache(id);
      if (deployed != null) {
        takenFromMemory.put(id, deployed);
        return deployed;
      }
      long changesBefore = memory.changesSoFar();
      ProcessDefinitionEntity found = super.findLatestDefinitionByKey(key);
      if (found != null) {
        memory.remember(latest, found.getId(), changesBefore);
      }
      return found;
    }

    /** As read by this command, or as this command took it from memory. */
    @Override
    public ProcessDefinitionEntity getCachedResourceDefinitionEntity(String id) {
      ProcessDefinitionEntity read = super.getCachedResourceDefinitionEntity(id);
      return read != null ? read : takenFromMemory.get(id);
    }

    /** What the engine's query filters on (TenantManager#configureTenantCheck). */
    private Latest asTheCallerSeesIt(String key) {
      if (!getTenantManager().isTenantCheckEnabled()) {
        return new Latest(key, true, Set.of());
      }
      Authentication caller = Context.getCommandContext().getAuthentication();
      List<String> tenantIds = caller == null ? null : caller.getTenantIds();
      Set<String> ownTenants = tenantIds == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(tenantIds));
      return new Latest(key, false, ownTenants);
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
     * Now, for this command's own starts, and again when its transaction has ended, committed or rolled back: a start
     * elsewhere may have read the database in between (the state before the change, or before the rollback).
     */
    private void forgetAll() {
      memory.forgetAll();
      TransactionContext transaction = Context.getCommandContext().getTransactionContext();
      transaction.addTransactionListener(TransactionState.COMMITTED, committed -> memory.forgetAll());
      transaction.addTransactionListener(TransactionState.ROLLED_BACK, rolledBack -> memory.forgetAll());
    }
  }
}
