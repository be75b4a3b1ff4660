package com.cspflow.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's entity manager without two pieces of work that every order paid for and that never change an outcome:
 * <ul>
 *   <li>The id check of each inserted entity does not write the entity out as text first. Camunda builds the message
 *       "Entity ... has an invalid id" before it checks the id, and an entity's text is its whole state (a history
 *       row's two dozen fields): about 3 % of the engine's CPU per order in the order benchmark's profile. Here the id
 *       is checked first (not null, not the reserved "*"); only a bad one goes to Camunda's own check and message.
 *   <li>A job's activity comes from the job definitions this node has read. The job's row does not hold its activity,
 *       so Camunda reads the job's definition at every execution only to learn it (one query per job), and a job
 *       definition's activity does not change (a new version of a process gets new definitions; the one exception is
 *       Camunda's repair of multi-instance job definitions deployed on Camunda 7.2 or older, which this application's
 *       database never held, and the latest read of a definition wins). A job whose definition this node has not read
 *       yet reads it as before; nothing else of the definition (its suspension, its priority) is taken from memory.
 * </ul>
 */
@Component
public class LeanEntityManager extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The factory of the engine's entity manager, by its session type (the engine has created its own by now)
    configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
  }

  static final class Factory extends DbEntityManagerFactory {

    /** Job definition id to its activity id, as read on this node: one entry per asynchronous step and version. */
    private final Map<String, String> activitiesOfJobDefinitions = new ConcurrentHashMap<>();

    Factory(IdGenerator idGenerator) {
      super(idGenerator);
    }

    @Override
    public DbEntityManager openSession() {
      return new EntityManager(idGenerator, Context.getCommandContext().getSession(PersistenceSession.class),
          activitiesOfJobDefinitions);
    }
  }

  static final class EntityManager extends DbEntityManager {

    private final Map<String, String> activitiesOfJobDefinitions;

    EntityManager(IdGenerator idGenerator, PersistenceSession persistenceSession,
        Map<String, String> activitiesOfJobDefinitions) {
      super(idGenerator, persistenceSession);
      this.activitiesOfJobDefinitions = activitiesOfJobDefinitions;
    }

    @Override
    protected void validateId(DbEntity entity) {
      String id = entity.getId();
      if (id == null || Authorization.ANY.equals(id)) {
        super.validateId(entity);
      }
    }

    @Override
    public void onEntityLoaded(DbEntity entity) {
      super.onEntityLoaded(entity);
      if (entity instanceof JobDefinitionEntity definition && definition.getActivityId() != null) {
        activitiesOfJobDefinitions.put(definition.getId(), definition.getActivityId());
      } else if (entity instanceof JobEntity job && job.getJobDefinitionId() != null) {
        String activityId = activitiesOfJobDefinitions.get(job.getJobDefinitionId());
        if (activityId != null) {
          job.setActivityId(activityId);
        }
      }
    }
  }
}
