package com.cspflow.platform.input;

import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * People at one task take turns. Two back-office people open the same task in Tasklist and both press Complete, or
 * both claim it: the engine let both commands read the task and the instance and failed the second half-way (the
 * instance's executions already gone, the task already claimed), a 500 with an ERROR line and a stack trace.
 * <ul>
 *   <li>A completion or a claim first locks the task's row, so the second waits for the first: it then finds the task
 *       gone, "completed meanwhile" (404), or, once the engine has checked that the person may work on the task,
 *       held by someone else, a conflict naming who holds it (409).
 *   <li>A change of a task (completion, claim, assignee, owner, delegation, its properties) that loses to another
 *       change of the same rows at the same moment (the engine's optimistic lock, a deadlock the database broke, a
 *       row lock not had in time; H2 waits one second) is a conflict too: "changed by someone else at the same
 *       moment; reload it".
 *   <li>Whoever completes a task is its assignee in its history, as the processes' decisions are audited: a person who
 *       may work on the task and completes it while someone else holds it becomes its assignee first.
 *   <li>A read of a task (its variables, form, links) that fails because the task was completed between the webapp's
 *       check and its read is a 404, not the engine's 500.
 * </ul>
 * Only the command someone called is looked at, never a command the engine or a delegate runs within it (a delegate
 * completing a task the same command created is system work, not a person's turn).
 *
 * <p>These are refusals of what the caller asked, answered as Camunda answers its own (a REST exception with its
 * 4xx), so {@link com.cspflow.platform.QuietRefusals} logs them at DEBUG.
 */
@Component
public class TaskTurns extends AbstractProcessEnginePlugin {

  private static final List<Class<?>> TASK_READS = List.of(GetTaskVariableCmd.class, GetTaskVariableCmdTyped.class,
      GetTaskVariablesCmd.class, GetTaskFormVariablesCmd.class, GetTaskFormCmd.class, GetRenderedTaskFormCmd.class,
      GetIdentityLinksForTaskCmd.class, GetDeployedTaskFormCmd.class);

  private static final Logger LOG = LoggerFactory.getLogger(TaskTurns.class);

  /** Commands that change a task, each with its {@code taskId}. */
  private static final List<Class<?>> TASK_CHANGES = List.of(CompleteTaskCmd.class, SubmitTaskFormCmd.class,
      ClaimTaskCmd.class, AbstractSetTaskPropertyCmd.class, DelegateTaskCmd.class);

  /** How deep in nested commands this thread is: 1 in the command someone called. */
  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  private String taskTable;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> around = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    around.add(new AroundTransaction());
    configuration.setCustomPreCommandInterceptorsTxRequired(around);
    // Commands in a new transaction count too, so that one started within them is not taken for a called one
    List<CommandInterceptor> aroundNew = configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequiresNew());
    aroundNew.add(new AroundTransaction());
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(aroundNew);
    List<CommandInterceptor> within = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    within.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(within);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix();
    taskTable = (prefix == null ? "" : prefix) + "ACT_RU_TASK";
  }

  /** The engine's task table, with its configured prefix: the rows that turns are taken on ({@link TaskRows}). */
  String taskTable() {
    return taskTable;
  }

  /**
   * Outside the command's transaction, so that what fails at its flush or commit is seen: counts the nesting, and
   * answers a change of a task that lost to another change at the same moment with a conflict.
   */
  private static final class AroundTransaction extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      int depth = DEPTH.get();
      DEPTH.set(depth + 1);
      try {
        return next.execute(command);
      } catch (RuntimeException failed) {
        if (depth == 0 && !(failed instanceof RestException) && changesTask(command)
            && SameMomentConflicts.isOne(failed)) {
          String taskId = ProcessEntryGuard.field(command, "taskId", String.class);
          LOG.debug("Task {}: changed by someone else at the same moment", taskId, failed);
          throw new InvalidRequestException(Response.Status.CONFLICT, "Task " + taskId
              + " was changed by someone else at the same moment; reload it and try again");
        }
        throw failed;
      } finally {
        if (depth == 0) {
          DEPTH.remove();
        } else {
          DEPTH.set(depth);
        }
      }
    }
  }

  private static boolean changesTask(Command<?> command) {
    return TASK_CHANGES.stream().anyMatch(change -> change.isInstance(command));
  }

  private final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (DEPTH.get() != 1) {
        return next.execute(command);
      }
      if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
        String taskId = ProcessEntryGuard.field(command, "taskId", String.class);
        if (taskId != null) {
          takeTurnToComplete(taskId);
          // Held, the task can still have been completed by a change that had read it just before (on H2 the
          // completion then finds the instance's executions gone): found gone afterwards, it was completed meanwhile
          return tellingWhenGone(command);
        }
      } else if (command instanceof ClaimTaskCmd) {
        String taskId = ProcessEntryGuard.field(command, "taskId", String.class);
        if (taskId != null) {
          return takeTurnToClaim(taskId, () -> next.execute(command));
        }
      } else if (TASK_READS.stream().anyMatch(read -> read.isInstance(command))) {
        return tellingWhenGone(command);
      }
      return next.execute(command);
    }

    /** Runs the command; one that fails because its task is gone (completed meanwhile) is a 404 saying so. */
    private <T> T tellingWhenGone(Command<T> command) {
      try {
        return next.execute(command);
      } catch (AuthorizationException | RestException refusedAlready) {
        throw refusedAlready;
      } catch (ProcessEngineException | NullPointerException failed) {
        // The engine's deployed-form command fails on a null task (an NPE) where the others say it is missing
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
        // The engine's own check of the completion, before the assignment (which would grant its permissions)
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkTaskWork(task);
        }
        task.setAssignee(completedBy);
      }
    }
  }

  /**
   * The engine claims the task once it holds its row; that a person who may work on the task finds it held by someone
   * else is said with who holds it.
   */
  private <T> T takeTurnToClaim(String taskId, Supplier<T> claim) {
    if (currentAssignee(taskId, true).isEmpty()) {
      throw completedMeanwhile(taskId);
    }
    try {
      return claim.get();
    } catch (TaskAlreadyClaimedException heldByOther) {
      throw new InvalidRequestException(Response.Status.CONFLICT,
          "Task " + taskId + " is already claimed by " + heldByOther.getTaskAssignee());
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
    } catch (SQLException failed) {
      if (lock && SameMomentConflicts.lockConflict(failed)) {
        LOG.debug("Task {}: its row is held by another change", taskId, failed);
        throw new InvalidRequestException(Response.Status.CONFLICT,
            "Task " + taskId + " is being changed by someone else right now; reload it and try again");
      }
      throw new ProcessEngineException("The task " + taskId + " cannot be read", failed);
    }
  }

  /** Whether the task is certainly gone; when that cannot be read (the failed command spoilt the transaction), no. */
  private boolean gone(String taskId) {
    try {
      return currentAssignee(taskId, false).isEmpty();
    } catch (ProcessEngineException unreadable) {
      return false;
    }
  }

  private static InvalidRequestException completedMeanwhile(String taskId) {
    return new InvalidRequestException(Response.Status.NOT_FOUND,
        "No task " + taskId + ": it does not exist or was completed meanwhile");
  }

  private record Holder(String assignee) {}

}
