package com.cspflow.platform.api;

import com.cspflow.platform.input.ProcessCommands;
import com.cspflow.platform.input.ProcessEntryGuard;
import com.cspflow.platform.security.ApiCaller;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Starts a process for a caller of the project API, as that caller: the engine records it as the instance's start
 * user and requester, its authorizations apply, and {@link ProcessEntryGuard} checks the command it was given (the
 * process's start command, bound and validated by the API) instead of reading it back from the variables. The
 * command's fields become the start variables; a refusal in the process's first step (400, 409) rolls the whole
 * start back.
 */
@Component
public class ProcessStarter {

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final ProcessEntryGuard guard;

  public ProcessStarter(RuntimeService runtimeService, IdentityService identityService, ProcessEntryGuard guard) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.guard = guard;
  }

  /** Starts the process; returns the business key its first step set (the new record's id). */
  public String start(String processKey, Record command, ApiCaller caller) {
    return start(processKey, command, caller, false);
  }

  /**
   * As {@link #start}, with the command's fields as transient variables: the first step stores them in its row
   * and the instance keeps none of them.
   */
  public String startKeepingNoVariables(String processKey, Record command, ApiCaller caller) {
    return start(processKey, command, caller, true);
  }

  /**
   * As {@link #startKeepingNoVariables(String, Record, ApiCaller)}, by whoever the engine has signed in now: a step of
   * another process that starts one for the person who completed its task.
   */
  public String startKeepingNoVariables(String processKey, Record command) {
    return runtimeService.startProcessInstanceByKey(processKey, variables(command, true)).getBusinessKey();
  }

  private String start(String processKey, Record command, ApiCaller caller, boolean transientFields) {
    identityService.setAuthentication(caller.engineUserId(), caller.engineGroups());
    try {
      return guard.startingWith(command, () -> runtimeService.startProcessInstanceByKey(processKey,
          variables(command, transientFields)).getBusinessKey());
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static VariableMap variables(Record command, boolean transientFields) {
    VariableMap variables = Variables.createVariables();
    ProcessCommands.variablesOf(command).forEach((name, value) -> {
      if (value != null) {
        variables.putValueTyped(name, Variables.untypedValue(value, transientFields));
      }
    });
    return variables;
  }
}
