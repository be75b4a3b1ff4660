package com.cspflow.platform;

import java.util.List;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's history level, {@value #NAME} ({@code camunda.bpm.history-level}): everything Camunda's "full" keeps
 * (instances, activities, tasks, variables and their changes, incidents, the user operation log: what the back office
 * and process owners audit), except the job log's routine entries. A job's creation, success and deletion are three
 * rows per job (eight per order, a quarter of its history inserts) that nobody reads: Cockpit of the community
 * edition does not show the job log, and a job's outcome is in the activity history. A failure is kept, with its
 * stack trace, per attempt. Nor does it keep an activity row for passing an exclusive gateway that does not wait (is
 * not asynchronous): routing, not work, and the row after it shows which way the instance went; an order passes four.
 * Nor for a none start event that does not wait: the instance's own row (and an embedded sub-process's) has where,
 * when and by whom it started. Start events with a trigger (timer, message, ...) and every end event keep theirs.
 */
@Component
public class AuditedHistory extends AbstractProcessEnginePlugin {

  static final String NAME = "full-without-routine-job-log";

  /** Camunda's own levels are 0 to 3; a custom level needs an id of its own, stored in ACT_GE_PROPERTY. */
  static final int ID = 30;

  static final class Level extends AbstractHistoryLevel {

    @Override
    public int getId() {
      return ID;
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (eventType == HistoryEventTypes.ACTIVITY_INSTANCE_START
          || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_END) {
        return !passingExclusiveGateway(entity) && !passingNoneStartEvent(entity);
      }
      return eventType != HistoryEventTypes.JOB_CREATE && eventType != HistoryEventTypes.JOB_SUCCESS
          && eventType != HistoryEventTypes.JOB_DELETE;
    }

    private static boolean passingExclusiveGateway(Object entity) {
      return passing(entity, ActivityTypes.GATEWAY_EXCLUSIVE);
    }

    private static boolean passingNoneStartEvent(Object entity) {
      return passing(entity, ActivityTypes.START_EVENT);
    }

    /** An activity of the type that the instance passes in the same transaction (not asynchronous). */
    private static boolean passing(Object entity, String activityType) {
      return entity instanceof ExecutionEntity execution && execution.getActivity() != null
          && !execution.getActivity().isAsyncBefore() && !execution.getActivity().isAsyncAfter()
          && activityType.equals(execution.getActivity().getProperty(BpmnProperties.TYPE.getName()));
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomHistoryLevels(List.of(new Level()));
  }
}
