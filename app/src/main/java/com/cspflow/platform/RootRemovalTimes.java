package com.cspflow.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * Remembers the removal time of each root process instance's history for {@value #REMEMBERED_FOR_SECONDS} seconds.
 *
 * <p>With the removal-time strategy "start" ({@code application.yaml}), every history row an instance writes carries
 * its root instance's removal time (the root's start plus its model's time to live), and Camunda reads the root's
 * history row to copy it in every transaction that writes history (in an order's jobs: two statements per order; the
 * end's read of the row for the instance's start time stays). The root's removal time is fixed when it
 * starts: it is remembered from there, and a node that did not start the instance reads it once. The one way it
 * changes is by hand ({@code HistoryService#setRemovalTimeToHistoricProcessInstances}): rows a running instance writes
 * within the minute after that still get the earlier time, which the cleanup then honours for those rows.
 *
 * <p>Its producer also takes a process definition's key, name and version for history rows from the definition the
 * command holds, which is where a start by key put the version it took from memory
 * ({@link RememberedLatestDefinitions}).
 */
@Component
public class RootRemovalTimes extends AbstractProcessEnginePlugin {

  static final long REMEMBERED_FOR_SECONDS = 60;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventProducer(new Producer(Duration.ofSeconds(REMEMBERED_FOR_SECONDS)));
  }

  /** Camunda's own producer, reading a root instance's history row only when its removal time is not known. */
  static final class Producer extends CacheAwareHistoryEventProducer {

    private final Cache<String, Optional<Date>> removalTimes;

    Producer(Duration rememberedFor) {
      removalTimes = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(rememberedFor).build();
    }

    /** A root instance's removal time is set as it starts: remembered from there. */
    @Override
    public HistoryEvent createProcessInstanceStartEvt(DelegateExecution execution) {
      HistoryEvent started = super.createProcessInstanceStartEvt(execution);
      if (started.getProcessInstanceId().equals(started.getRootProcessInstanceId())) {
        removalTimes.put(started.getRootProcessInstanceId(), Optional.ofNullable(started.getRemovalTime()));
      }
      return started;
    }

    /** Read only for its removal time (DefaultHistoryEventProducer#provideRemovalTime). */
    @Override
    protected HistoricProcessInstanceEventEntity getHistoricRootProcessInstance(String rootProcessInstanceId) {
      Optional<Date> known = removalTimes.getIfPresent(rootProcessInstanceId);
      if (known != null) {
        HistoricProcessInstanceEventEntity root = new HistoricProcessInstanceEventEntity();
        root.setId(rootProcessInstanceId);
        root.setRemovalTime(known.orElse(null));
        return root;
      }
      HistoricProcessInstanceEventEntity root = super.getHistoricRootProcessInstance(rootProcessInstanceId);
      if (root != null) {
        removalTimes.put(rootProcessInstanceId, Optional.ofNullable(root.getRemovalTime()));
      }
      return root;
    }

    /**
     * Read only for the definition's id, key, name and version, which history rows copy (fillProcessDefinitionData):
     * as the command holds it, which is also where a start took it from memory ({@link RememberedLatestDefinitions}).
     */
    @Override
    protected ProcessDefinitionEntity getProcessDefinitionEntity(String processDefinitionId) {
      CommandContext command = Context.getCommandContext();
      ProcessDefinitionEntity held = command == null ? null
          : command.getProcessDefinitionManager().getCachedResourceDefinitionEntity(processDefinitionId);
      return held != null ? held : super.getProcessDefinitionEntity(processDefinitionId);
    }
  }
}
