package com.cspflow.platform;

import com.cspflow.platform.web.EngineRestRefusals;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;

/**
 * A command the engine ends with a refusal of what its caller sent (a {@link RestException} with a 4xx status: our
 * {@link InvalidProcessInput} and {@link ConflictingProcessInput}, Camunda REST's {@code InvalidRequestException}) is
 * logged as Camunda logs its own refusals (a bad request, an authorization or optimistic locking failure): at DEBUG,
 * ENGINE-16002; so are a command's own check of what it was given ("id is null", "Cannot find task …": see
 * {@link EngineRestRefusals}), a message sent to be correlated that matches nothing, and a row a caller adds that
 * exists already, which Camunda's REST answers with 4xx too.
 * Camunda logs every other exception that ends a command at ERROR with its stack trace (ENGINE-16004),
 * so anyone allowed to start a process over /engine-rest or Tasklist could fill the log with 80-line stack traces by
 * sending bad input, burying the real failures. The caller is answered as before (the 4xx with its reason); every
 * other failure, a 5xx {@code RestException} included, stays at ERROR, and so does a refusal thrown in a job, which no
 * caller sent.
 *
 * <p>Camunda's one switch, {@code enableCmdExceptionLogging}, silences every command's failure, so the engine's own
 * choice of level ({@code CommandContext#shouldLogFine}) is widened instead.
 */
@Component
public class QuietRefusals extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandContextFactory factory = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new RefusalAwareCommandContext(processEngineConfiguration);
      }
    };
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }

  /** Whether the exception refuses what a caller sent, rather than reporting a failure of ours or the engine's. */
  static boolean refusal(Throwable exception) {
    boolean refused = exception instanceof RestException rest && rest.getStatus() != null
        && rest.getStatus().getFamily() == Response.Status.Family.CLIENT_ERROR
        || EngineRestRefusals.Refusals.argumentCheck(exception)
        || EngineRestRefusals.Refusals.unstorableValue(exception)
        || EngineRestRefusals.Refusals.unmatchedMessage(exception)
        || EngineRestRefusals.Refusals.alreadyThere(exception);
    return refused && Context.getJobExecutorContext() == null;
  }

  static final class RefusalAwareCommandContext extends CommandContext {

    RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return super.shouldLogFine(exception) || refusal(exception);
    }
  }
}
