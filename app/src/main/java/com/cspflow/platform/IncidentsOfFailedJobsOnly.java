package com.cspflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Camunda's handler of failed-job incidents, which looks for a job's incident only when the job can have one.
 *
 * <p>Camunda looks for a failed-job incident to resolve whenever a job is deleted, a successful one included: one
 * query per job, so per order. A failed-job incident exists exactly while its job has no retries left: the engine
 * opens it as the retries reach 0 and resolves it as they are set above 0 ({@code JobEntity#setRetries}). A job this
 * command holds with retries left has none, and none is looked for; a job without retries (an incident run by hand
 * from Cockpit) or one the command does not hold is handled by Camunda's handler as before.
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
      JobEntity job = command.getDbEntityManager().getCachedEntity(JobEntity.class, context.getConfiguration());
      return job == null || job.getRetries() <= 0;
    }
  }
}
