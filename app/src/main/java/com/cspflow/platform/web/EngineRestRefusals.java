package com.cspflow.platform.web;

import com.cspflow.platform.input.SameMomentConflicts;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.interceptor.CommandContextInterceptor;
import org.camunda.bpm.engine.impl.runtime.DefaultConditionHandler;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField;
import org.camunda.bpm.engine.impl.util.EnsureUtil;
import org.camunda.bpm.engine.impl.util.PermissionConverter;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's REST API, at /engine-rest and under the webapps (/camunda/api/engine), answers what the engine refuses
 * as a refusal: Camunda maps only a few of the engine's exceptions to 4xx, everything else to 500 with an ERROR line,
 * so an operator's typo or a careless integration produced "Internal Server Error" for its own mistake.
 * <ul>
 *   <li>{@code firstResult} and {@code maxResults} are whole numbers from 0 (400 otherwise): a negative one went into
 *       the database's SQL (a 500 with the SQL in the log), a word was a 404.
 *   <li>The engine's checks of what a command, query or service method was given ({@code EnsureUtil}: "id is null",
 *       "retries is negative", "Cannot find task …") are 400, or 404 when a thing named by id does not exist; the same
 *       checks failing deep in a process's execution stay Camunda's 500. What the path names not being found is 404
 *       also where Camunda answers the engine's NotFoundException with 400 ({@code task/x/unclaim}).
 *   <li>A change that lost to another at the same moment (optimistic lock, deadlock, lock timeout) is 409.
 *   <li>A row that exists already (a member added to a group twice, a second user of the same id) is 409, not the
 *       engine's persistence failure (500).
 *   <li>A field left out of the body that Camunda's REST reads without asking (a NullPointerException) is 400 naming
 *       it.
 *   <li>A variable's value that cannot be made from what was sent (a File without its valueInfo), or that no serializer
 *       can store (an Object or Xml value without its serialization format), is 400.
 *   <li>A job's retries below 0 or a job that does not exist, which Camunda's job resources turn into a 500 of their
 *       own, are 400 and 404; conditions that start nothing ({@code POST /condition}) are 400; a 4xx that began with the
 *       engine exception's Java class ({@code POST /message}) reads without it.
 *   <li>A body of the wrong shape or no JSON at all is 400 saying where and what was expected, without Jackson's Java
 *       class names ({@link UnreadableBodies}).
 *   <li>A value Camunda cannot convert to its type (a Long out of range, a Date that is none) stays Camunda's 400 with
 *       Camunda's sentence, the type named as the caller named it ("… to Long"), not as a Java class.
 * </ul>
 * The body is Camunda's own error format ({@code type}, {@code message}, {@code code}), which the webapps read.
 * Registered in every Jersey application of the JVM (META-INF/services), as the webapps' API is not a Spring bean.
 */
public class EngineRestRefusals implements ForcedAutoDiscoverable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRestRefusals.class);
  private static final List<String> PAGING = List.of("firstResult", "maxResults");
  /** The SQL state of a unique key's violation, in PostgreSQL and H2 alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** How the engine's checks say that an id names nothing: "Cannot find task …", "execution x doesn't exist". */
  private static final Pattern NOTHING_THERE = Pattern.compile(
      "^Cannot find |^No .* found|doesn't exist|does not exist|not found", Pattern.CASE_INSENSITIVE);
  /** How a command says that what it was asked conflicts with the state of things: "cannot be deleted because". */
  private static final Pattern NOT_NOW = Pattern.compile("cannot be \\w+ because", Pattern.CASE_INSENSITIVE);

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(Paging.class)) {
      context.register(Paging.class);
      context.register(Refusals.class);
      context.register(WrappedRefusals.class);
      context.register(UnreadableValues.class);
      context.register(MissingFields.class);
      context.register(UnreadableBodies.WrongShape.class);
      context.register(UnreadableBodies.NotJson.class);
    }
  }

  /** Paging parameters are checked before any resource reads them. */
  @Priority(1000)
  public static class Paging implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
      for (String name : PAGING) {
        for (String value : query.getOrDefault(name, List.of())) {
          if (!value.matches("\\d{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
            request.abortWith(answer(Response.Status.BAD_REQUEST,
                name + " must be a whole number from 0 to " + Integer.MAX_VALUE));
            return;
          }
        }
      }
    }
  }

  /**
   * Replaces Camunda's mapping of the engine's exceptions where that said 500 for a refusal; for everything else it
   * answers as Camunda's own handler does.
   */
  @Priority(1)
  public static class Refusals implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Context
    private UriInfo request;

    @Override
    public Response toResponse(ProcessEngineException exception) {
      Response refusal = refusal(exception);
      if (refusal == null && namesWhatThePathNames(exception)) {
        LOG.debug("What the path names does not exist", exception);
        refusal = answer(Response.Status.NOT_FOUND, withoutNullCheck(exception.getMessage()));
      }
      return refusal != null ? refusal : camunda.toResponse(exception);
    }

    /**
     * Whether the engine did not find what the request's path names ({@code POST task/x/unclaim}: "Cannot find task
     * with id x"): Camunda answers its NotFoundException as a bad request, 400, where the sibling resources
     * ({@code task/x/claim}, {@code task/x}) answer 404. One about something the body names stays Camunda's 400.
     */
    private boolean namesWhatThePathNames(ProcessEngineException exception) {
      if (!(exception instanceof NotFoundException) || exception.getMessage() == null || request == null) {
        return false;
      }
      return request.getPathParameters().values().stream().flatMap(List::stream)
          .anyMatch(value -> !value.isBlank() && exception.getMessage().contains(value));
    }

    /** The 4xx for a refusal, or null when the exception is none. */
    static Response refusal(Throwable exception) {
      if (SameMomentConflicts.isOne(exception)) {
        LOG.debug("Changed by someone else at the same moment", exception);
        return answer(Response.Status.CONFLICT, "Changed by someone else at the same moment; reload and try again");
      }
      if (alreadyThere(exception)) {
        LOG.debug("Exists already", exception);
        return answer(Response.Status.CONFLICT, "InvalidRequestException",
            "This exists already (a user, group, tenant, membership or authorization of the same id)");
      }
      if (unstorableValue(exception)) {
        LOG.debug("A variable's value no serializer can store", exception);
        return answer(Response.Status.BAD_REQUEST, exception.getMessage());
      }
      if (argumentCheck(exception)) {
        LOG.debug("Refused by the engine's check of its arguments", exception);
        String message = exception.getMessage() == null ? "Invalid request" : exception.getMessage();
        if (NOTHING_THERE.matcher(message).find()) {
          return answer(Response.Status.NOT_FOUND, withoutNullCheck(message));
        }
        if (NOT_NOW.matcher(message).find()) {
          return answer(Response.Status.CONFLICT, "InvalidRequestException", message);
        }
        return answer(Response.Status.BAD_REQUEST, message);
      }
      return null;
    }

    /**
     * Whether the exception was made by the engine's argument checks ({@link EnsureUtil}) in a command, query or
     * service method itself, checking what its caller gave; not one made deep in a process's execution.
     */
    public static boolean argumentCheck(Throwable exception) {
      // Only what Camunda would answer with a 500: its own 4xx (bad user requests, authorization, migration reports
      // with their details, parse errors) stay its own, and so does every subclass with a meaning of its own
      if (exception.getClass() != ProcessEngineException.class && !(exception instanceof NullValueException)) {
        return false;
      }
      StackTraceElement[] where = exception.getStackTrace();
      if (commandsUnder(where) > 1) {
        // A command run within another (a delegate calling the engine): the failure is the process's, not the caller's
        return false;
      }
      int frame = 0;
      while (frame < where.length && (where[frame].getClassName().startsWith("jdk.internal.")
          || where[frame].getClassName().startsWith("java.lang.reflect."))) {
        frame++;
      }
      int checks = frame;
      while (frame < where.length && (where[frame].getClassName().equals(EnsureUtil.class.getName())
          || where[frame].getClassName().startsWith("org.camunda.bpm.engine.impl.")
          && where[frame].getClassName().endsWith("Logger"))) {
        frame++;
      }
      if (frame == where.length) {
        return false;
      }
      String checker = where[frame].getClassName();
      if (frame == checks) {
        // Thrown by the engine's query code itself, refusing a query's values: "Object values cannot be used to query"
        // or by a command itself, not finding what it was given: "No job found with id 'x'"
        return exception.getClass() == ProcessEngineException.class
            && (checker.startsWith("org.camunda.bpm.engine.impl.") && checker.contains("Query")
            || checker.startsWith("org.camunda.bpm.engine.impl.cmd.") && exception.getMessage() != null
            && (NOTHING_THERE.matcher(exception.getMessage()).find()
            || NOT_NOW.matcher(exception.getMessage()).find()));
      }
      return checker.startsWith("org.camunda.bpm.engine.impl.cmd.") || checker.startsWith("org.camunda.bpm.engine.rest.")
          || checker.equals(DefaultConditionHandler.class.getName()) // conditions that start nothing (POST /condition)
          || checker.endsWith("IdentityServiceProvider") // a membership of a user or group that does not exist
          || checker.endsWith("QueryImpl") || checker.endsWith("BuilderImpl") || checker.endsWith("ServiceImpl");
    }

    /**
     * Whether the engine found no serializer for a variable's value that a command was given to set (an Object or Xml
     * value without its serialization format): the caller's value, as a File without its valueInfo is. The same
     * failure for a value set by a delegate, a mapping or the process's start stays a failure.
     */
    public static boolean unstorableValue(Throwable exception) {
      if (exception.getClass() != ProcessEngineException.class || exception.getMessage() == null
          || !exception.getMessage().startsWith("Cannot find serializer for value")) {
        return false;
      }
      StackTraceElement[] where = exception.getStackTrace();
      if (commandsUnder(where) > 1) {
        return false;
      }
      int frame = 0;
      while (frame < where.length && settingAValue(where[frame].getClassName())) {
        frame++;
      }
      int set = frame;
      while (frame < where.length && givingTheCommandsValues(where[frame])) {
        frame++;
      }
      return set > 0 && frame < where.length
          && where[frame].getClassName().startsWith("org.camunda.bpm.engine.impl.cmd.");
    }

    /**
     * The engine's code between a command and the variables it was given: a new instance's start (its start
     * variables), a task's local variables, a start form's submitted fields.
     */
    private static boolean givingTheCommandsValues(StackTraceElement frame) {
      String className = frame.getClassName();
      return (className.equals("org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl")
          || className.equals("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity"))
          && frame.getMethodName().startsWith("start")
          || className.equals("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity")
          && frame.getMethodName().startsWith("setVariable")
          || className.startsWith("org.camunda.bpm.engine.impl.form.")
          || className.startsWith("org.camunda.bpm.engine.impl.delegate.");
    }

    /** The engine's code that sets a variable's value: its scopes, serializers and the value's stored field. */
    private static boolean settingAValue(String className) {
      return className.startsWith("org.camunda.bpm.engine.impl.variable.")
          || className.startsWith("org.camunda.bpm.engine.impl.core.variable.")
          || className.equals(TypedValueField.class.getName())
          || className.startsWith(VariableInstanceEntity.class.getName()); // and its factory
    }

    /**
     * Whether the database refused a caller's command for a row that exists already (a unique key: adding a member to
     * a group twice, a second user of the same id): the engine reports it as a persistence failure, a 500.
     */
    public static boolean alreadyThere(Throwable exception) {
      if (!(exception instanceof ProcessEnginePersistenceException) || commandsUnder(exception.getStackTrace()) > 1) {
        return false;
      }
      for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether a message a caller sent to be correlated matched nothing (Camunda's REST answers 400): in the caller's own
     * command, not one a delegate correlates within a process.
     */
    public static boolean unmatchedMessage(Throwable exception) {
      return exception instanceof MismatchingMessageCorrelationException && commandsUnder(exception.getStackTrace()) <= 1;
    }

    /** How many commands the failure was made in: each runs through the engine's command context interceptor. */
    static int commandsUnder(StackTraceElement[] where) {
      int commands = 0;
      for (StackTraceElement frame : where) {
        if (frame.getClassName().equals(CommandContextInterceptor.class.getName())
            && frame.getMethodName().equals("execute")) {
          commands++;
        }
      }
      return commands;
    }
  }

  /**
   * Camunda's resources catch some of the engine's exceptions and answer them as a 500 of their own (e.g. "The number
   * of job retries must be a non-negative Integer"); one whose cause is a refusal is answered as one. A 400 for a value
   * that cannot be converted is answered without the Java class in its sentence ({@link #withoutJavaTypes}).
   */
  @Priority(1)
  public static class WrappedRefusals implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();
    private final ProcessEngineExceptionHandler camundaEngine = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      String message = withoutJavaTypes(exception.getMessage());
      if (exception.getStatus() == Response.Status.BAD_REQUEST && message != null
          && !message.equals(exception.getMessage())) {
        LOG.debug("A value that cannot be converted", exception);
        return answer(Response.Status.BAD_REQUEST, message);
      }
      if (exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && exception.getCause() == null) {
        Response rebuilt = rebuiltRefusal(exception);
        return rebuilt != null ? rebuilt : camunda.toResponse(exception);
      }
      if (exception.getStatus() != Response.Status.INTERNAL_SERVER_ERROR) {
        return camunda.toResponse(withoutExceptionName(exception));
      }
      if (exception.getCause() instanceof BadUserRequestException badRequest) {
        // What Camunda itself answers with 400 when its resource does not wrap it ("Element … does not exist")
        LOG.debug("A bad request, wrapped as a failure", exception);
        return camundaEngine.toResponse(badRequest);
      }
      Response refusal = Refusals.refusal(exception.getCause());
      return refusal != null ? refusal : camunda.toResponse(exception);
    }
  }

  /**
   * Camunda's job resources catch the engine's refusal of a job's retries or due date and throw a 500 of their own with
   * only its message ("ENGINE-13054 The number of job retries must be a non-negative Integer", "No job found with id
   * 'x'"). Those commands run no process code, so a refusal's message thrown there is the caller's mistake: 400, or
   * 404 for a job or job definition that does not exist. Anything else they throw stays Camunda's 500.
   */
  static Response rebuiltRefusal(RestException exception) {
    String message = exception.getMessage();
    StackTraceElement[] where = exception.getStackTrace();
    if (message == null || where.length == 0 || !JOB_RESOURCES.contains(where[0].getClassName())) {
      return null;
    }
    if (NOTHING_THERE.matcher(message.replaceFirst("^ENGINE-\\d+ ", "")).find()) {
      LOG.debug("A job that does not exist: {}", message);
      return answer(Response.Status.NOT_FOUND, message);
    }
    if (message.contains("must be a non-negative")) {
      LOG.debug("A job's value refused: {}", message);
      return answer(Response.Status.BAD_REQUEST, message);
    }
    return null;
  }

  private static final List<String> JOB_RESOURCES = List.of(
      "org.camunda.bpm.engine.rest.sub.runtime.impl.JobResourceImpl",
      "org.camunda.bpm.engine.rest.sub.management.JobDefinitionResourceImpl");

  /**
   * Camunda's 4xx made from an engine exception may begin with that exception's Java class ("org.camunda.bpm.engine.
   * MismatchingMessageCorrelationException: Cannot correlate message …"): the same refusal without it.
   */
  static RestException withoutExceptionName(RestException exception) {
    String message = exception.getMessage();
    if (message == null) {
      return exception;
    }
    Matcher named = EXCEPTION_NAME.matcher(message);
    if (!named.lookingAt()) {
      return exception;
    }
    return exception.getCause() instanceof Exception cause
        ? new RestException(exception.getStatus(), cause, message.substring(named.end()))
        : new RestException(exception.getStatus(), message.substring(named.end()));
  }

  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("(?:[a-z_$][a-z0-9_$]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

  /**
   * A variable's value that Camunda's REST cannot turn into a typed value (a File without its valueInfo) failed with
   * an IllegalArgumentException, a 500; made from the caller's value, it is a 400 with Camunda's sentence.
   */
  public static class UnreadableValues implements ExceptionMapper<IllegalArgumentException> {

    private final ExceptionHandler camunda = new ExceptionHandler();

    @Override
    public Response toResponse(IllegalArgumentException exception) {
      StackTraceElement[] where = exception.getStackTrace();
      for (int i = 0; i < Math.min(where.length, 6); i++) {
        // Made from what the caller sent (toTypedValue), not from a stored value on its way out
        if (where[i].getClassName().startsWith("org.camunda.bpm.engine.rest.dto.")
            && where[i].getMethodName().startsWith("toTypedValue")) {
          LOG.debug("A variable's value cannot be read", exception);
          return answer(Response.Status.BAD_REQUEST, exception.getMessage() == null ? "A variable's value cannot be read"
              : exception.getMessage());
        }
      }
      return camunda.toResponse(exception);
    }
  }

  /**
   * A field the caller left out of the body that Camunda's REST reads as a number or list without asking (an
   * authorization's type, a job's retries, a restart's instructions) failed with a NullPointerException: a 500 whose
   * message named Java's and Camunda's classes. Read from one of the request's own objects (Camunda's DTOs), outside
   * any of the engine's commands, it is a 400 naming the field (an object of the body such as a migration's plan, and
   * an authorization's permissions, which Camunda converts from their names, too); any other NullPointerException
   * stays Camunda's 500.
   */
  public static class MissingFields implements ExceptionMapper<NullPointerException> {

    /** The JDK's helpful message: {@code "this.type" is null}, or the return value of {@code "…Dto.getRetries()"}. */
    private static final Pattern FIELD = Pattern.compile("because \"this\\.(\\w+)\" is null");
    private static final Pattern WHOLE_DTO = Pattern.compile("because \"(\\w+)Dto\" is null");
    private static final Pattern GETTER = Pattern.compile("because the return value of "
        + "\"org\\.camunda\\.bpm\\.engine\\.rest\\.dto\\.[\\w.$]+\\.(?:get|is)(\\w+)\\(\\)\" is null");

    private final ExceptionHandler camunda = new ExceptionHandler();

    @Override
    public Response toResponse(NullPointerException exception) {
      String field = leftOut(exception);
      if (field == null) {
        return camunda.toResponse(exception);
      }
      LOG.debug("A field the request left out", exception);
      return answer(Response.Status.BAD_REQUEST, field + " is required");
    }

    /** The field of the request's body that was null, or null when the exception is no such field's. */
    static String leftOut(NullPointerException exception) {
      StackTraceElement[] where = exception.getStackTrace();
      if (exception.getMessage() == null || where.length == 0 || Refusals.commandsUnder(where) > 0) {
        return null;
      }
      Matcher getter = GETTER.matcher(exception.getMessage());
      if (getter.find() && where[0].getClassName().startsWith("org.camunda.bpm.engine.rest.")) {
        return Character.toLowerCase(getter.group(1).charAt(0)) + getter.group(1).substring(1);
      }
      Matcher body = WHOLE_DTO.matcher(exception.getMessage());
      if (body.find() && where[0].getClassName().startsWith("org.camunda.bpm.engine.rest.")) {
        // A part of the body that is itself an object: a migration's "migrationPlan"
        return body.group(1);
      }
      if (exception.getMessage().contains("because \"names\" is null") && where.length > 1
          && where[0].getClassName().equals(PermissionConverter.class.getName())
          && where[1].getClassName().startsWith("org.camunda.bpm.engine.rest.dto.authorization.")) {
        // An authorization without its permissions, which Camunda converts from their names
        return "permissions";
      }
      Matcher field = FIELD.matcher(exception.getMessage());
      return field.find() && where[0].getClassName().startsWith("org.camunda.bpm.engine.rest.dto.") ? field.group(1)
          : null;
    }
  }

  /**
   * Camunda's sentence for a value it cannot convert names the Java class it wanted ("Cannot convert value '1e99' of
   * type 'Long' to java type java.lang.Long", also for a query parameter or a date): the class's simple name
   * instead ("… to Long"). Any other message as it is.
   */
  static String withoutJavaTypes(String message) {
    if (message == null) {
      return null;
    }
    int at = message.lastIndexOf(TO_JAVA_TYPE);
    if (at < 0 || !message.contains("Cannot convert value ")) {
      return message;
    }
    Matcher type = QUALIFIED_NAME.matcher(message).region(at + TO_JAVA_TYPE.length(), message.length());
    if (!type.lookingAt()) {
      return message;
    }
    return message.substring(0, at) + " to " + type.group(1) + message.substring(type.end());
  }

  private static final String TO_JAVA_TYPE = " to java type ";
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("(?:[A-Za-z_$][A-Za-z0-9_$]*\\.)*([A-Za-z_$][A-Za-z0-9_$]*)");

  /** The engine's "Cannot find task with id x: task is null" as "Cannot find task with id x". */
  private static String withoutNullCheck(String message) {
    return message.replaceFirst("\\.?: \\w+ is null$", "");
  }

  static Response answer(Response.Status status, String message) {
    return answer(status, status == Response.Status.CONFLICT ? "OptimisticLockingException" : "InvalidRequestException",
        message);
  }

  private static Response answer(Response.Status status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.put("code", null);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
