package com.cspflow.platform.input;

import java.sql.SQLException;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Whether a failure means that someone else changed the same rows at the same moment, which the one who lost is told
 * as a conflict (409, "try again") rather than a failure of ours: the engine's optimistic lock, a deadlock the
 * database broke, a lock that could not be had in time.
 */
public final class SameMomentConflicts {

  /**
   * PostgreSQL: serialization failure, deadlock detected, lock not available (NOWAIT, lock_timeout); H2: lock timeout.
   */
  private static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

  private SameMomentConflicts() {}

  public static boolean isOne(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof OptimisticLockingException || lockConflict(cause)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the SQL failure is a lock that could not be had, or a deadlock; any other SQL failure is not. */
  static boolean lockConflict(Throwable failure) {
    return failure instanceof SQLException sql && sql.getSQLState() != null && SQL_STATES.contains(sql.getSQLState());
  }
}
