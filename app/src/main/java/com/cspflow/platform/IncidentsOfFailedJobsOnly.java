package com.cspflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Camunda's handler of failed-job incidents, which looks for a job's incident only when there can be one.
 *
 * <p>Camunda looks for incidents to resolve whenever a job is deleted, a successful one included: one query per job,
 * so per order. None can exist for a job that has never failed (no retries used, no exception recorded: retries set
 * in bulk by job definition only reach jobs that failed) whose execution, as the engine loaded it, has no incidents
 * at all (the engine keeps that in the execution's row, so knowing it costs no query). Such a job is not looked up;
 * every other job, and a job the command does not hold, goes through Camunda's handler as before.
 */
@Component
public class IncidentsOfFailedJobsOnly extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // In place of Camunda's own for failed jobs (a custom handler of a type replaces the default one, as long as
    // composite incident handlers stay disabled, Camunda's default)
    List<IncidentHandler> handlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    handlers.add(new Handler());
    configuration.setCustomIncidentHandlers(handlers);
  }

  static final class Handler extends DefaultIncidentHandler {

    Handler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      if (mayHaveIncident(context)) {
        super.resolveIncident(context);
      }
    }

    @Override
    public void deleteIncident(IncidentContext context) {
      if (mayHaveIncident(context)) {
        super.deleteIncident(context);
      }
    }

    private static boolean mayHaveIncident(IncidentContext context) {
      CommandContext command = Context.getCommandContext();
      if (command == null || context.getConfiguration() == null) {
        return true;
      }
      DbEntityManager entities = command.getDbEntityManager();
      JobEntity job = entities.getCachedEntity(JobEntity.class, context.getConfiguration());
      if (job == null || job.getRetries() <= 0 || job.getExceptionMessage() != null
          || job.getExceptionByteArrayId() != null || job.getExecutionId() == null) {
        return true;
      }
      ExecutionEntity execution = entities.getCachedEntity(ExecutionEntity.class, job.getExecutionId());
      return execution == null || !execution.getIncidents().isEmpty();
    }
  }
}
