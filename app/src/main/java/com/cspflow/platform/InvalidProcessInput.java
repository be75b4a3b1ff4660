package com.cspflow.platform;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Bad input given to a process at its start: names every offending field. Thrown by the first, synchronous
 * step of a process, it rolls back the whole start (no instance, no stored row), and because it is a
 * {@link RestException} with status 400, Camunda's REST API and Tasklist's start form answer "400 Bad
 * Request" with this message instead of a 500.
 */
public class InvalidProcessInput extends RestException {

  private final Map<String, String> problems;

  public InvalidProcessInput(Map<String, String> problems) {
    super(Response.Status.BAD_REQUEST, "Invalid input: " + problems.entrySet().stream()
        .map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining("; ")));
    this.problems = Map.copyOf(problems);
  }

  /** Field name to what is wrong with it. */
  public Map<String, String> problems() {
    return problems;
  }
}
