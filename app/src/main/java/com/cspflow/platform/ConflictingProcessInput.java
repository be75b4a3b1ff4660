package com.cspflow.platform;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A start that conflicts with what exists or with another start at the same moment (the partner's service is
 * already being added, a period's run is open): HTTP 409 naming the field, nothing started, nothing stored.
 */
public class ConflictingProcessInput extends RestException {

  private final Map<String, String> problems;

  public ConflictingProcessInput(String field, String problem) {
    super(Response.Status.CONFLICT, "Conflict: " + field + " " + problem);
    this.problems = Map.of(field, problem);
  }

  public Map<String, String> problems() {
    return problems;
  }
}
