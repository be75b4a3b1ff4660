package com.cspflow.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The engine's SQL statements on one kind of entity while some work runs, as MyBatis logs them under the entity's class
 * name at DEBUG: captured, not written to the build's console. Statements of the tests' process coverage recorder
 * (which looks up the process of every element an instance passes) are left out: production has no recorder.
 */
public final class EngineStatements {

  private static final String COVERAGE_RECORDER = "org.camunda.community.process_test_coverage";

  private EngineStatements() {}

  /** The statements prepared on {@code table} through the entity's mapping while {@code work} runs. */
  public static List<String> preparedWhile(Class<?> entity, String table, Runnable work) {
    Logger log = (Logger) LoggerFactory.getLogger(entity);
    Level level = log.getLevel();
    ListAppender<ILoggingEvent> statements = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent statement) {
        if (StackWalker.getInstance().walk(frames -> frames.noneMatch(frame -> frame.getClassName()
            .startsWith(COVERAGE_RECORDER)))) {
          super.append(statement);
        }
      }
    };
    statements.start();
    log.addAppender(statements);
    log.setLevel(Level.DEBUG);
    log.setAdditive(false);
    try {
      work.run();
    } finally {
      log.setAdditive(true);
      log.setLevel(level);
      log.detachAppender(statements);
    }
    return statements.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(message -> message.contains("Preparing") && message.contains(table)).toList();
  }
}
