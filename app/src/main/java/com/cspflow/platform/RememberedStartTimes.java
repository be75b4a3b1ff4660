package com.cspflow.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Remembers when each process instance started, for {@value #REMEMBERED_FOR_MINUTES} minutes, so that its end does
 * not read its history row back.
 *
 * <p>Camunda's history handler reads an instance's history row whenever it updates it in a transaction other than
 * the start's, only to take its start time, from which the end computes the duration: one statement per order,
 * whose end is its job's. The start time never changes; this handler remembers it as it writes the start and takes
 * it from there. A node that did not start the instance, or an instance older than that, is read as before.
 */
@Component
public class RememberedStartTimes extends AbstractProcessEnginePlugin {

  static final long REMEMBERED_FOR_MINUTES = 10;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // In place of the engine's own database handler (ProcessEngineConfigurationImpl#initHistoryEventHandler, which
    // puts it after the custom handlers; the order makes no difference to what is written)
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(0, new Handler(Duration.ofMinutes(REMEMBERED_FOR_MINUTES)));
  }

  /** Camunda's database history handler, taking an instance's start time from its start instead of its row. */
  static final class Handler extends DbHistoryEventHandler {

    private final Cache<String, Date> startTimes;

    Handler(Duration rememberedFor) {
      startTimes = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(rememberedFor).build();
    }

    @Override
    protected void insertOrUpdate(HistoryEvent event) {
      if (event instanceof HistoricProcessInstanceEventEntity instance && instance.getId() != null) {
        if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
          super.insertOrUpdate(event);
          if (instance.getStartTime() != null) {
            startTimes.put(instance.getId(), instance.getStartTime());
          }
          return;
        }
        Date started = startTimes.getIfPresent(instance.getId());
        if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
          startTimes.invalidate(instance.getId());
        }
        DbEntityManager entities = getDbEntityManager();
        if (started != null && !isInitialEvent(event)
            && entities.getCachedEntity(instance.getClass(), instance.getId()) == null) {
          // What Camunda's handler does after reading the row for its start time
          instance.setStartTime(started);
          entities.merge(instance);
          return;
        }
      }
      super.insertOrUpdate(event);
    }
  }
}
