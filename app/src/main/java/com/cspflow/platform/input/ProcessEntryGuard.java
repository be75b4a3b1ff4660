package com.cspflow.platform.input;

import com.cspflow.platform.InvalidProcessInput;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One way in per action, whatever API a caller uses (the engine's REST API, the webapps' API behind Tasklist, the
 * Java API): for every caller who is signed in and not an administrator, the engine
 * <ul>
 *   <li>starts an instance only at a none start event of its model, never at another activity (start
 *       instructions), and only of a process that declares a start command ({@link StartsProcess}): a process that
 *       only its timer starts cannot be started by hand;
 *   <li>accepts only the variables that command declares, with their types and constraints ({@link
 *       ProcessCommands}), and no business key: the process sets it, as it computes its requester, counters and
 *       statuses;
 *   <li>completes a user task only with the variables its completion command declares ({@link CompletesTask}), plus
 *       variables the form shows and sends back unchanged; each decision (a field with fixed choices) must be sent
 *       with the completion itself, so no gateway ever routes on a missing or stale decision;
 *   <li>refuses what only an operator may do: setting or removing variables, modifying or restarting instances,
 *       correlating messages and signals, ending a user task with a BPMN error or escalation (no model catches one
 *       thrown from a user task: the instance would just end, skipping every step after it);
 *   <li>answers a start of a process definition or a completion of a task that does not exist (any more) with 404,
 *       not the engine's 500.
 * </ul>
 * Engine-internal work (jobs, delegates calling the engine) has no signed-in caller and is not inspected;
 * administrators (group {@code camunda-admin}) are trusted operators, who may run what only an operator may, but
 * their completions of user tasks are checked as everyone's: a value of the wrong type or out of range, or a decision
 * no gateway knows, failed the instance after the task was gone (an incident, or the engine's 500 for a decision that
 * no outgoing flow takes). A refused start or completion leaves nothing behind: the command never runs.
 */
@Component
public class ProcessEntryGuard extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessEntryGuard.class);

  /** Commands only an administrator may run; each changes state that the processes compute themselves. */
  private static final List<Class<?>> OPERATOR_COMMANDS = List.of(StartProcessInstanceAtActivitiesCmd.class,
      AbstractVariableCmd.class, AbstractPatchVariablesCmd.class, AbstractCorrelateMessageCmd.class,
      MessageEventReceivedCmd.class, SignalEventReceivedCmd.class, SignalCmd.class, EvaluateStartConditionCmd.class,
      ModifyProcessInstanceCmd.class, ProcessInstanceModificationCmd.class, AbstractRestartProcessInstanceCmd.class,
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class);

  private final ProcessCommands commands;
  private final Map<String, Boolean> startableByHand = new ConcurrentHashMap<>();
  private final ThreadLocal<Record> startingFromApi = new ThreadLocal<>();
  private volatile ProcessEngine engine;

  public ProcessEntryGuard(ProcessCommands commands) {
    this.commands = commands;
  }

  /**
   * Runs a start of the project API ({@link com.cspflow.platform.api.ProcessStarter}) with the start command the API
   * has bound from the request. If it is the named process's own start command and the start's variables are
   * exactly its fields, the guard checks that command instead of the variables it became; any other start in
   * {@code start} is checked as usual.
   */
  public <T> T startingWith(Record command, Supplier<T> start) {
    startingFromApi.set(command);
    try {
      return start.get();
    } finally {
      startingFromApi.remove();
      commands.startEnded();
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    this.engine = processEngine;
  }

  private final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() == null && engine != null) {
        Authentication caller = engine.getIdentityService().getCurrentAuthentication();
        if (caller != null && !administrator(caller)) {
          inspect(command, caller);
        } else if (caller != null) {
          inspectCompletion(command);
        }
      }
      return next.execute(command);
    }
  }

  private static boolean administrator(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
  }

  private void inspect(Command<?> command, Authentication caller) {
    for (Class<?> operatorCommand : OPERATOR_COMMANDS) {
      if (operatorCommand.isInstance(command)) {
        LOG.warn("Refused {} for {}: only an administrator may", command.getClass().getSimpleName(),
            caller.getUserId());
        throw new AuthorizationException(command instanceof StartProcessInstanceAtActivitiesCmd
            ? "A process starts at its start event only; start instructions are for administrators"
            : "Only an administrator may change a process's variables, move its tokens, end its tasks with an "
                + "error or send it messages");
      }
    }
    if (command instanceof StartProcessInstanceCmd start) {
      ProcessInstantiationBuilderImpl builder = field(start, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
      if (builder.getModificationBuilder() != null
          && !builder.getModificationBuilder().getModificationOperations().isEmpty()) {
        throw new AuthorizationException("A process starts at its start event only");
      }
      Record bound = startingFromApi.get();
      if (bound != null && builder.getProcessDefinitionId() == null && builder.getTenantId() == null
          && commands.startCommand(builder.getProcessDefinitionKey()).filter(bound.getClass()::equals).isPresent()
          && ProcessCommands.isMadeOf(bound, builder.getVariables())) {
        checkApiStart(builder.getBusinessKey(), bound);
        commands.startChecked(bound);
        return;
      }
      ProcessDefinition definition = definition(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId(),
          builder.getTenantId());
      checkStart(definition, builder.getBusinessKey(), builder.getVariables());
    } else if (command instanceof SubmitStartFormCmd submit) {
      ProcessDefinition definition = definition(null, field(submit, "processDefinitionId", String.class), null);
      checkStart(definition, field(submit, "businessKey", String.class), field(submit, "variables", Map.class));
    } else {
      inspectCompletion(command);
    }
  }

  private void inspectCompletion(Command<?> command) {
    if (command instanceof CompleteTaskCmd complete) {
      checkCompletion(field(complete, "taskId", String.class), field(complete, "variables", Map.class));
    } else if (command instanceof SubmitTaskFormCmd submit) {
      checkCompletion(field(submit, "taskId", String.class), field(submit, "properties", Map.class));
    }
  }

  private void checkStart(ProcessDefinition definition, String businessKey, Map<String, ?> variables) {
    if (definition == null) {
      throw new InvalidRequestException(Response.Status.NOT_FOUND, "No such process definition");
    }
    Class<?> startCommand = commands.startCommand(definition.getKey()).orElseThrow(() -> new AuthorizationException(
        "Process " + definition.getKey() + " is not started by hand"));
    if (!startableByHand(definition)) {
      throw new AuthorizationException("Process " + definition.getKey() + " is started by its timer only");
    }
    refuseBusinessKey(businessKey);
    commands.bind(startCommand, variables == null ? Map.of() : variables);
  }

  /** Whether the start's variables are exactly the command's fields (those with a value), as the API made them. */
  /**
   * A start by the project API, which names the process and passes that process's start command as the API bound
   * it from the request: the command itself is validated, as a caller's variables would be, with no need to read
   * the process definition (a transaction of its own) and to bind the variables back into the command.
   */
  private void checkApiStart(String businessKey, Record command) {
    refuseBusinessKey(businessKey);
    Map<String, String> problems = commands.validate(command);
    if (!problems.isEmpty()) {
      throw new InvalidProcessInput(problems);
    }
  }

  private static void refuseBusinessKey(String businessKey) {
    if (businessKey != null) {
      throw new InvalidProcessInput(Map.of("businessKey", "is set by the process, not by the caller"));
    }
  }

  private void checkCompletion(String taskId, Map<String, ?> variables) {
    if (taskId == null) {
      return;
    }
    Task task = asSystem(() -> engine.getTaskService().createTaskQuery().taskId(taskId).singleResult());
    if (task == null) {
      throw new InvalidRequestException(Response.Status.NOT_FOUND,
          "No task " + taskId + ": it does not exist or was completed meanwhile");
    }
    if (task.getProcessDefinitionId() == null) {
      return;
    }
    ProcessDefinition definition = definition(null, task.getProcessDefinitionId(), null);
    Class<?> completion = commands.taskCommand(definition.getKey(), task.getTaskDefinitionKey()).orElse(null);
    if (variables == null || variables.isEmpty()) {
      if (completion == null || !mayWorkOn(task, definition)) {
        return; // nothing to check, or the engine refuses the caller anyway (403 rather than 400)
      }
      variables = Map.of();
    }
    Set<String> declared = completion == null ? Set.of() : Set.of(java.util.Arrays.stream(
        completion.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toArray(String[]::new));
    Map<String, Object> shown = asSystem(() -> engine.getTaskService().getVariables(taskId));
    // What the task will hold once completed: what it shows, with what was entered over it.
    Map<String, Object> entered = new LinkedHashMap<>();
    shown.forEach((name, value) -> {
      if (declared.contains(name)) {
        entered.put(name, value);
      }
    });
    Map<String, String> problems = new LinkedHashMap<>();
    ProcessCommands.typed(variables).forEach((name, value) -> {
      if (declared.contains(name)) {
        entered.put(name, value);
      } else if (!(shown.containsKey(name) && sameValue(shown.get(name), value))) {
        problems.put(name, "is not a field you can set here");
      }
    });
    if (completion != null) {
      // A decision is made by this completion, never carried over from an earlier round of the same task (the
      // instance still holds it) nor left to a gateway's default: each is a field the completion must send.
      Map<String, ?> sent = variables;
      java.util.Arrays.stream(completion.getRecordComponents())
          .filter(component -> component.getType().isEnum() && !sent.containsKey(component.getName()))
          .forEach(decision -> problems.put(decision.getName(),
              "is required (" + ProcessCommands.expectedOf(decision.getType()) + ")"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidProcessInput(problems);
    }
    if (completion != null) {
      commands.bind(completion, entered);
    }
  }

  /** Whether the signed-in caller may complete the task, by the engine's own authorizations. */
  private boolean mayWorkOn(Task task, ProcessDefinition definition) {
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    if (caller == null) {
      return true;
    }
    AuthorizationService authorizations = engine.getAuthorizationService();
    String user = caller.getUserId();
    List<String> groups = caller.getGroupIds();
    return asSystem(() -> authorizations.isUserAuthorized(user, groups, TaskPermissions.TASK_WORK, Resources.TASK,
            task.getId())
        || authorizations.isUserAuthorized(user, groups, Permissions.UPDATE, Resources.TASK, task.getId())
        || authorizations.isUserAuthorized(user, groups, ProcessDefinitionPermissions.TASK_WORK,
            Resources.PROCESS_DEFINITION, definition.getKey())
        || authorizations.isUserAuthorized(user, groups, ProcessDefinitionPermissions.UPDATE_TASK,
            Resources.PROCESS_DEFINITION, definition.getKey()));
  }

  /** Whether a form sent a shown value back unchanged (numbers compared by value: forms make 3 into 3.0). */
  private static boolean sameValue(Object current, Object sent) {
    if (sent instanceof SerializableValue serialized && !serialized.isDeserialized()) {
      return false;
    }
    Object value = sent instanceof TypedValue typed ? typed.getValue() : sent;
    if (current instanceof Number a && value instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    return Objects.equals(current, value);
  }

  private ProcessDefinition definition(String key, String id, String tenantId) {
    return asSystem(() -> {
      if (id != null) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(id).singleResult();
      }
      var query = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion();
      return tenantId == null ? query.withoutTenantId().singleResult() : query.tenantIdIn(tenantId).singleResult();
    });
  }

  /** Whether the model has a none start event, the only place a caller may start an instance. */
  private boolean startableByHand(ProcessDefinition definition) {
    return startableByHand.computeIfAbsent(definition.getId(), id -> asSystem(() -> {
      BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(id);
      Process process = model.getModelElementById(definition.getKey());
      return process.getChildElementsByType(StartEvent.class).stream()
          .anyMatch(start -> start.getEventDefinitions().isEmpty());
    }));
  }

  /** Reads what the caller asks of the engine, not what the caller may see. */
  private <T> T asSystem(Supplier<T> read) {
    var identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }

  /**
   * A field of one of the engine's command classes, which offer no getters for what they were asked; a command
   * that cannot be read is refused rather than let through.
   */
  static <T> T field(Object command, String name, Class<T> type) {
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(command));
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        break;
      }
    }
    LOG.error("Cannot read {} of {}: this Camunda version changed the command; refusing it",
        name, command.getClass().getName());
    throw new AuthorizationException("This request cannot be checked and is refused");
  }
}
