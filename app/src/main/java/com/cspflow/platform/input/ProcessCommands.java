package com.cspflow.platform.input;

import com.cspflow.platform.InvalidProcessInput;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The typed commands of every process: which record declares the variables a caller may pass to start a process
 * ({@link StartsProcess}) or to complete a user task ({@link CompletesTask}), and the one place where variables
 * become such a record and are validated: strict types (no number where text is expected, no fraction or wrapped
 * number where a whole number is, no text for a number), Bean Validation, and a problem per field, named as the
 * variable, in words a person understands (never a class or type name).
 */
@Component
public class ProcessCommands {

  private final Map<String, Class<?>> startCommands;
  private final Map<String, Class<?>> taskCommands;
  private final Validator validator;
  private final ObjectMapper strict = strictMapper();
  /** The start command {@link ProcessEntryGuard} has checked for the project-API start running on this thread. */
  private final ThreadLocal<Record> checkedStart = new ThreadLocal<>();

  public ProcessCommands(Validator validator) {
    this.validator = validator;
    Map<String, Class<?>> starts = new TreeMap<>();
    Map<String, Class<?>> tasks = new TreeMap<>();
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(StartsProcess.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(CompletesTask.class));
    for (BeanDefinition candidate : scanner.findCandidateComponents("com.cspflow")) {
      Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
      if (!type.isRecord()) {
        throw new IllegalStateException(type.getName() + " declares process input but is not a record");
      }
      StartsProcess start = type.getAnnotation(StartsProcess.class);
      if (start != null && starts.put(start.value(), type) != null) {
        throw new IllegalStateException("Two start commands for process " + start.value());
      }
      CompletesTask task = type.getAnnotation(CompletesTask.class);
      if (task != null && tasks.put(task.process() + "#" + task.task(), type) != null) {
        throw new IllegalStateException("Two completion commands for task " + task.task() + " of " + task.process());
      }
    }
    this.startCommands = Collections.unmodifiableMap(starts);
    this.taskCommands = Collections.unmodifiableMap(tasks);
  }

  /** The record declaring what starts the process, if a caller may start it at all. */
  public Optional<Class<?>> startCommand(String processKey) {
    return Optional.ofNullable(startCommands.get(processKey));
  }

  /** The record declaring what completes the task, if it carries data a person enters. */
  public Optional<Class<?>> taskCommand(String processKey, String taskKey) {
    return Optional.ofNullable(taskCommands.get(processKey + "#" + taskKey));
  }

  public Set<String> startableProcesses() {
    return startCommands.keySet();
  }

  public Set<String> declaredTasks() {
    return taskCommands.keySet();
  }

  /**
   * The command the variables make, validated; every problem at once as {@link InvalidProcessInput} (400). Values
   * may be plain Java values or Camunda typed values (REST, forms, Java API).
   */
  public <T> T bind(Class<T> command, Map<String, ?> variables) {
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, Object> plain = new LinkedHashMap<>();
    Set<String> fields = Arrays.stream(command.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toSet());
    typed(variables).forEach((name, value) -> {
      if (!fields.contains(name)) {
        problems.put(name, "is not a field you can set here");
      } else {
        plainValue(value).ifPresentOrElse(v -> plain.put(name, v.value()),
            () -> problems.put(name, expected(command, name)));
      }
    });
    T bound = convert(command, plain, problems);
    if (bound != null) {
      // A field left out for its type is missing to Bean Validation too; its type problem is the one to report.
      validate(bound).forEach(problems::putIfAbsent);
    }
    if (!problems.isEmpty()) {
      throw new InvalidProcessInput(problems);
    }
    return bound;
  }

  /**
   * The variables as they were sent, name to value, without deserializing any: Camunda's variable map hands out plain
   * values through its {@code Map} view, which for a serialized object (an "Object" variable of the REST API) means
   * deserializing what a caller sent, and fails.
   */
  public static Map<String, Object> typed(Map<String, ?> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    for (String name : variables.keySet()) {
      typed.put(name, variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name));
    }
    return typed;
  }

  /**
   * The command as the process holds it: its declared variables read from the instance (what the caller passed at
   * the start, or entered in the task), bound and validated like any caller's input, whoever started it.
   */
  public <T> T read(VariableScope scope, Class<T> command) {
    Map<String, Object> declared = new LinkedHashMap<>();
    for (RecordComponent component : command.getRecordComponents()) {
      TypedValue value = scope.getVariableTyped(component.getName());
      if (value != null) {
        declared.put(component.getName(), value);
      }
    }
    // In a project-API start the first step reads back the command the guard has just checked: the same values
    // would bind to that same record and pass the same validation, so it is not bound and validated a second time.
    Record checked = checkedStart.get();
    if (command.isInstance(checked) && isMadeOf(checked, declared)) {
      return command.cast(checked);
    }
    return bind(command, declared);
  }

  /** Remembers, until {@link #startEnded()}, the start command the guard has checked for this thread's API start. */
  void startChecked(Record command) {
    checkedStart.set(command);
  }

  void startEnded() {
    checkedStart.remove();
  }

  /** Whether the variables are exactly the command's fields that have a value, with those values. */
  static boolean isMadeOf(Record command, Map<String, ?> variables) {
    Map<String, Object> fields = new LinkedHashMap<>(variablesOf(command));
    fields.values().removeIf(Objects::isNull);
    Map<String, Object> values = new LinkedHashMap<>();
    typed(variables == null ? Map.of() : variables).forEach((name, value) ->
        values.put(name, value instanceof TypedValue typed ? typed.getValue() : value));
    return values.equals(fields);
  }

  /** Bean Validation of an already typed command (the project API binds JSON itself); field to problem. */
  public Map<String, String> validate(Object command) {
    return validator.validate(command).stream()
        .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
        .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ProcessCommands::problemOf,
            (a, b) -> a + "; " + b, LinkedHashMap::new));
  }

  /**
   * What a violated constraint says of its field: Bean Validation's message, except for {@code @Digits}, whose
   * message ("numeric value out of bounds (<4 digits>.<2 digits> expected)") is no sentence a person reads: "must have
   * at most 2 decimals", with the limit before the decimal point when that is what the value exceeds.
   */
  public static String problemOf(ConstraintViolation<?> violation) {
    if (violation.getConstraintDescriptor().getAnnotation() instanceof Digits digits) {
      Object value = violation.getInvalidValue();
      BigDecimal number = value instanceof BigDecimal decimal ? decimal
          : value instanceof Number || value instanceof CharSequence ? parsed(value.toString()) : null;
      return digits(number, digits.integer(), digits.fraction());
    }
    return violation.getMessage();
  }

  /** The {@code @Digits} limits the number exceeds, in words (both limits when the number is unknown). */
  static String digits(BigDecimal number, int integer, int fraction) {
    String before = "at most " + integer + (integer == 1 ? " digit" : " digits") + " before the decimal point";
    String after = fraction == 0 ? "no decimals" : "at most " + fraction + (fraction == 1 ? " decimal" : " decimals");
    if (number == null) {
      return "must have " + before + " and " + after;
    }
    BigDecimal stripped = number.stripTrailingZeros();
    boolean tooLong = stripped.precision() - stripped.scale() > integer;
    boolean tooFine = Math.max(stripped.scale(), 0) > fraction;
    return "must have " + (tooLong && tooFine ? before + " and " + after : tooLong ? before : after);
  }

  private static BigDecimal parsed(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The command's fields as process variables (component name to value), for starting a process with it. */
  public static Map<String, Object> variablesOf(Record command) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (RecordComponent component : command.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(command);
        // Variables hold primitive values: an enum as its name, a decimal as a double (the engine would
        // otherwise serialize it as a Java object).
        variables.put(component.getName(), value instanceof Enum<?> e ? e.name()
            : value instanceof BigDecimal decimal ? decimal.doubleValue() : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + component.getName() + " of " + command, e);
      }
    }
    return variables;
  }

  /**
   * Binds strictly; a field of the wrong type is a problem of its own and is left out, so that the other fields are
   * still bound and validated and the caller hears of every bad field at once.
   */
  private <T> T convert(Class<T> command, Map<String, Object> plain, Map<String, String> problems) {
    Map<String, Object> remaining = new LinkedHashMap<>(plain);
    for (int attempt = 0; attempt <= plain.size(); attempt++) {
      try {
        T bound = strict.convertValue(remaining, command);
        return bound;
      } catch (IllegalArgumentException failed) {
        Throwable cause = failed.getCause();
        String field = cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? mapping.getPath().get(0).getFieldName() : null;
        if (cause instanceof UnrecognizedPropertyException unknown) {
          field = unknown.getPropertyName();
          problems.put(field, "is not a field you can set here");
        } else if (field != null) {
          problems.put(field, expected(command, field));
        }
        if (field == null || !remaining.containsKey(field)) {
          problems.putIfAbsent("variables", "are not what this process takes");
          return null;
        }
        remaining.remove(field);
      }
    }
    return null;
  }

  /** What a field takes, in words, from its declared type: the message for a value of the wrong type. */
  public static String expectedOf(Class<?> type) {
    return expected(type);
  }

  /**
   * What a field of the command takes, in words: a whole number within the field's own limits ("from 1 to 300"),
   * not the Java type's.
   */
  static String expected(Class<?> command, String name) {
    return expectedOf(command, name, componentType(command, name));
  }

  /**
   * What the property {@code name} of {@code owner} (a record or a class with such a field) takes when it is of
   * {@code type}, in words: a whole number within the property's own {@code @Min}/{@code @Max} when it has them, else
   * within the type's range; what {@link #expectedOf(Class)} says for any other type.
   */
  public static String expectedOf(Class<?> owner, String name, Class<?> type) {
    if (isWholeNumber(type)) {
      AnnotatedElement property = property(owner, name);
      return wholeNumber(type, property == null ? null : property.getAnnotation(Min.class),
          property == null ? null : property.getAnnotation(Max.class));
    }
    return expected(type);
  }

  /**
   * "must be a whole number from … to …": the limits given ({@code @Min}, {@code @Max}, either may be null), else the
   * type's own; a long without limits is just "a whole number".
   */
  public static String wholeNumber(Class<?> type, Min min, Max max) {
    boolean small = type == Integer.class || type == int.class || type == Short.class || type == short.class;
    if (min == null && max == null && !small) {
      return "must be a whole number";
    }
    long lowest = type == Short.class || type == short.class ? Short.MIN_VALUE : small ? Integer.MIN_VALUE
        : Long.MIN_VALUE;
    long highest = type == Short.class || type == short.class ? Short.MAX_VALUE : small ? Integer.MAX_VALUE
        : Long.MAX_VALUE;
    return "must be a whole number from " + (min != null ? min.value() : lowest) + " to "
        + (max != null ? max.value() : highest);
  }

  public static boolean isWholeNumber(Class<?> type) {
    return type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class;
  }

  /** Where the property's constraints are: a record component's accessor, or a field; null when it has neither. */
  private static AnnotatedElement property(Class<?> owner, String name) {
    if (owner == null || name == null) {
      return null;
    }
    if (owner.isRecord()) {
      return Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
          .map(RecordComponent::getAccessor).orElse(null);
    }
    for (Class<?> type = owner; type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        return type.getDeclaredField(name);
      } catch (NoSuchFieldException notHere) {
        // its superclass may declare it
      }
    }
    return null;
  }

  static String expected(Class<?> type) {
    if (type == null) {
      return "is not a field you can set here";
    }
    if (isWholeNumber(type)) {
      return wholeNumber(type, null, null);
    }
    if (type == BigDecimal.class || type == Double.class || type == double.class) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type.isEnum()) {
      return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
          .collect(Collectors.joining(", "));
    }
    return "must be text";
  }

  private static Class<?> componentType(Class<?> command, String name) {
    return Arrays.stream(command.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
        .map(RecordComponent::getType).orElse(null);
  }

  /** A value Jackson may bind strictly; empty for a value no command field takes (an object, a file, NaN). */
  private static Optional<Plain> plainValue(Object value) {
    Object raw = value;
    if (value instanceof TypedValue typed) {
      ValueType type = typed.getType();
      if (type != null && !(type == ValueType.STRING || type == ValueType.INTEGER || type == ValueType.LONG
          || type == ValueType.SHORT || type == ValueType.DOUBLE || type == ValueType.BOOLEAN
          || type == ValueType.NULL)) {
        return Optional.empty();
      }
      raw = typed.getValue();
    }
    if (raw == null || raw instanceof String || raw instanceof Boolean) {
      return Optional.of(new Plain(raw));
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return Optional.of(new Plain(((Number) raw).longValue()));
    }
    if (raw instanceof Double || raw instanceof Float) {
      double number = ((Number) raw).doubleValue();
      if (!Double.isFinite(number)) {
        return Optional.empty();
      }
      // JavaScript (Tasklist's forms) has no integers: 12.0 is 12, 12.5 stays a fraction and no whole-number field
      // takes it.
      if (number == Math.rint(number) && Math.abs(number) < 9.0e15) {
        return Optional.of(new Plain((long) number));
      }
      return Optional.of(new Plain(BigDecimal.valueOf(number)));
    }
    if (raw instanceof BigDecimal) {
      return Optional.of(new Plain(raw));
    }
    return Optional.empty();
  }

  private record Plain(Object value) {}

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder().build();
    StrictJson.configure(mapper);
    return mapper;
  }
}
