package com.cspflow.platform.input;

import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetIdentityLinksForTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetRenderedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;

/**
 * People at one task take turns. Two back-office people open the same task in Tasklist and both press Complete, or
 * both claim it: the engine let both commands read the task and the instance and failed the second half-way (the
 * instance's executions already gone, the task already claimed), a 500 with an ERROR line and a stack trace.
 * <ul>
 *   <li>A completion or a claim first locks the task's row, so the second waits for the first: it then finds the task
 *       gone, "completed meanwhile" (404), or held by someone else, a conflict naming who holds it (409). A lock that
 *       cannot be had in time (H2 waits one second) is a conflict too: someone is changing the task right now.
 *   <li>Whoever completes a task is its assignee in its history, as the processes' decisions are audited: a person who
 *       completes a task someone else claimed becomes its assignee first.
 *   <li>A read of a task (its variables, form, links) that fails because the task was completed between the webapp's
 *       check and its read is a 404, not the engine's 500.
 * </ul>
 * These are refusals of what the caller asked, answered as Camunda answers its own (a REST exception with its 4xx),
 * so {@link com.cspflow.platform.QuietRefusals} logs them at DEBUG.
 */
@Component
public class TaskTurns extends AbstractProcessEnginePlugin {

  private static final List<Class<?>> TASK_READS = List.of(GetTaskVariableCmd.class, GetTaskVariableCmdTyped.class,
      GetTaskVariablesCmd.class, GetTaskFormVariablesCmd.class, GetTaskFormCmd.class, GetRenderedTaskFormCmd.class,
      GetIdentityLinksForTaskCmd.class);

  private String taskTable;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix();
    taskTable = (prefix == null ? "" : prefix) + "ACT_RU_TASK";
  }

  private final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
        String taskId = ProcessEntryGuard.field(command, "taskId", String.class);
        if (taskId != null) {
          takeTurnToComplete(taskId);
        }
      } else if (command instanceof ClaimTaskCmd) {
        String taskId = ProcessEntryGuard.field(command, "taskId", String.class);
        String userId = ProcessEntryGuard.field(command, "userId", String.class);
        if (taskId != null) {
          takeTurnToClaim(taskId, userId);
        }
      } else if (TASK_READS.stream().anyMatch(read -> read.isInstance(command))) {
        return readingTask(command);
      }
      return next.execute(command);
    }

    private <T> T readingTask(Command<T> command) {
      try {
        return next.execute(command);
      } catch (AuthorizationException | RestException refusedAlready) {
        throw refusedAlready;
      } catch (ProcessEngineException failed) {
        String taskId = ProcessEntryGuard.field(command,
            command instanceof GetTaskFormVariablesCmd ? "resourceId" : "taskId", String.class);
        if (taskId != null && gone(taskId)) {
          throw completedMeanwhile(taskId);
        }
        throw failed;
      }
    }
  }

  private void takeTurnToComplete(String taskId) {
    Optional<Holder> holder = currentAssignee(taskId, true);
    if (holder.isEmpty()) {
      throw completedMeanwhile(taskId);
    }
    CommandContext context = Context.getCommandContext();
    String completedBy = context.getAuthenticatedUserId();
    if (completedBy != null && !completedBy.equals(holder.get().assignee())) {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task != null) {
        task.setAssignee(completedBy);
      }
    }
  }

  private void takeTurnToClaim(String taskId, String userId) {
    Optional<Holder> holder = currentAssignee(taskId, true);
    if (holder.isEmpty()) {
      throw completedMeanwhile(taskId);
    }
    String assignee = holder.get().assignee();
    if (userId != null && assignee != null && !assignee.equals(userId)) {
      throw new InvalidRequestException(Response.Status.CONFLICT,
          "Task " + taskId + " is already claimed by " + assignee + "; only they can release it");
    }
  }

  /** Who holds the task now (nobody: a holder without assignee), or empty when the task no longer exists. */
  private Optional<Holder> currentAssignee(String taskId, boolean lock) {
    CommandContext context = Context.getCommandContext();
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    String sql = "SELECT ASSIGNEE_ FROM " + taskTable + " WHERE ID_ = ?" + (lock ? " FOR UPDATE" : "");
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, taskId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Holder(row.getString(1))) : Optional.empty();
      }
    } catch (SQLException notNow) {
      if (lock) {
        throw new InvalidRequestException(Response.Status.CONFLICT,
            "Task " + taskId + " is being completed or claimed by someone else right now; reload it");
      }
      throw new IllegalStateException("The task table cannot be read", notNow);
    }
  }

  /** Whether the task is certainly gone; when that cannot be read (the failed command spoilt the transaction), no. */
  private boolean gone(String taskId) {
    try {
      return currentAssignee(taskId, false).isEmpty();
    } catch (IllegalStateException unreadable) {
      return false;
    }
  }

  private static InvalidRequestException completedMeanwhile(String taskId) {
    return new InvalidRequestException(Response.Status.NOT_FOUND,
        "No task " + taskId + ": it does not exist or was completed meanwhile");
  }

  private record Holder(String assignee) {}

}
