package com.cspflow.platform.input;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A service that completes a user task in its own transaction (a decision taken over the API rather than in Tasklist)
 * takes its turn as {@link TaskTurns} makes Tasklist's completions take theirs: the task's row first, before any row
 * of its own, so that a completion in Tasklist and one over the API lock in the same order and never deadlock.
 */
@Component
public class TaskRows {

  private final JdbcClient jdbc;
  private final TaskTurns turns;

  public TaskRows(JdbcClient jdbc, TaskTurns turns) {
    this.jdbc = jdbc;
    this.turns = turns;
  }

  /** Locks the task's row until the transaction ends; false when the task no longer exists (completed meanwhile). */
  public boolean hold(String taskId) {
    return !jdbc.sql("SELECT ID_ FROM " + turns.taskTable() + " WHERE ID_ = :id FOR UPDATE").param("id", taskId)
        .query(String.class).list().isEmpty();
  }
}
