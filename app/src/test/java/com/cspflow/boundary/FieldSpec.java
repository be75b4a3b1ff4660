package com.cspflow.boundary;

import com.cspflow.platform.input.BillingPeriod;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One input field as a caller sees it: its JSON type and the limits declared for it, read from the OpenAPI
 * description (project API) or from a process command's Bean Validation constraints (start and task variables).
 */
record FieldSpec(String name, Kind kind, boolean required, Integer minLength, Integer maxLength, String pattern,
    BigDecimal minimum, BigDecimal maximum, List<String> choices, boolean multiline, String format) {

  enum Kind { TEXT, WHOLE_NUMBER, NUMBER, BOOLEAN, CHOICE }

  /** Whether the field refuses this text, as far as its declared limits tell. */
  boolean refusesText(String value) {
    if (value == null) {
      return required;
    }
    if (required && value.isBlank()) {
      return true;
    }
    if (kind == Kind.WHOLE_NUMBER) {
      if (!value.matches("-?[0-9]+")) {
        return true;
      }
      BigDecimal number = new BigDecimal(value);
      return minimum != null && number.compareTo(minimum) < 0 || maximum != null && number.compareTo(maximum) > 0;
    }
    if (minLength != null && value.codePointCount(0, value.length()) < minLength) {
      return true;
    }
    if (maxLength != null && value.codePointCount(0, value.length()) > maxLength) {
      return true;
    }
    if (choices != null && !choices.contains(value)) {
      return true;
    }
    return pattern != null && !java.util.regex.Pattern.compile(pattern).matcher(value).matches();
  }

  /** From a JSON schema of the OpenAPI description (a property of a request body, or a path parameter). */
  static FieldSpec fromSchema(String name, JsonNode schema, boolean required) {
    String type = schema.path("type").asText("string");
    List<String> choices = null;
    if (schema.has("enum")) {
      choices = new ArrayList<>();
      for (JsonNode choice : schema.get("enum")) {
        choices.add(choice.asText());
      }
    }
    Kind kind = switch (type) {
      case "integer" -> Kind.WHOLE_NUMBER;
      case "number" -> Kind.NUMBER;
      case "boolean" -> Kind.BOOLEAN;
      default -> choices != null ? Kind.CHOICE : Kind.TEXT;
    };
    String pattern = schema.has("pattern") ? schema.get("pattern").asText() : null;
    return new FieldSpec(name, kind, required, intOrNull(schema, "minLength"), intOrNull(schema, "maxLength"),
        pattern, decimalOrNull(schema, "minimum"), decimalOrNull(schema, "maximum"), choices,
        pattern != null && java.util.regex.Pattern.compile(pattern).matcher("a\nb").matches(),
        schema.has("format") ? schema.get("format").asText() : null);
  }

  /** From a process command record: its components, their Java types and their Bean Validation constraints. */
  static List<FieldSpec> fromRecord(Class<?> command, Validator validator) {
    List<FieldSpec> fields = new ArrayList<>();
    for (RecordComponent component : command.getRecordComponents()) {
      Class<?> type = component.getType();
      PropertyDescriptor property = validator.getConstraintsForClass(command)
          .getConstraintsForProperty(component.getName());
      List<Annotation> constraints = new ArrayList<>();
      if (property != null) {
        for (ConstraintDescriptor<?> descriptor : property.getConstraintDescriptors()) {
          collect(descriptor, constraints);
        }
      }
      boolean required = false;
      Integer minLength = null;
      Integer maxLength = null;
      String pattern = null;
      BigDecimal minimum = null;
      BigDecimal maximum = null;
      boolean multiline = false;
      String format = null;
      for (Annotation constraint : constraints) {
        if (constraint instanceof NotNull) {
          required = true;
        } else if (constraint instanceof NotBlank || constraint instanceof NotEmpty) {
          required = true;
          minLength = 1;
        } else if (constraint instanceof Size size) {
          minLength = size.min();
          maxLength = size.max();
        } else if (constraint instanceof Pattern regex) {
          pattern = regex.regexp();
        } else if (constraint instanceof PlainText text) {
          maxLength = text.max();
          multiline = text.multiline();
        } else if (constraint instanceof EmailAddress) {
          maxLength = 254;
          format = "email";
        } else if (constraint instanceof IsoCountry) {
          pattern = " *([A-Za-z]{2})? *";
        } else if (constraint instanceof BillingPeriod) {
          pattern = "\\d{4}-\\d{2}";
        } else if (constraint instanceof Min min) {
          minimum = BigDecimal.valueOf(min.value());
        } else if (constraint instanceof Max max) {
          maximum = BigDecimal.valueOf(max.value());
        } else if (constraint instanceof DecimalMin min) {
          minimum = new BigDecimal(min.value());
        } else if (constraint instanceof DecimalMax max) {
          maximum = new BigDecimal(max.value());
        }
      }
      Kind kind;
      List<String> choices = null;
      if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        kind = Kind.WHOLE_NUMBER;
        if (minimum == null && (type == Integer.class || type == int.class)) {
          minimum = BigDecimal.valueOf(Integer.MIN_VALUE);
          maximum = maximum == null ? BigDecimal.valueOf(Integer.MAX_VALUE) : maximum;
        }
      } else if (type == BigDecimal.class || type == Double.class || type == double.class) {
        kind = Kind.NUMBER;
      } else if (type == Boolean.class || type == boolean.class) {
        kind = Kind.BOOLEAN;
      } else if (type.isEnum()) {
        kind = Kind.CHOICE;
        choices = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
      } else {
        kind = Kind.TEXT;
      }
      fields.add(new FieldSpec(component.getName(), kind, required, minLength, maxLength, pattern, minimum, maximum,
          choices, multiline, format));
    }
    return fields;
  }

  private static void collect(ConstraintDescriptor<?> descriptor, List<Annotation> into) {
    into.add(descriptor.getAnnotation());
    Set<ConstraintDescriptor<?>> composing = descriptor.getComposingConstraints();
    for (ConstraintDescriptor<?> part : composing) {
      collect(part, into);
    }
  }

  private static Integer intOrNull(JsonNode schema, String name) {
    return schema.has(name) ? schema.get(name).asInt() : null;
  }

  private static BigDecimal decimalOrNull(JsonNode schema, String name) {
    return schema.has(name) ? schema.get(name).decimalValue() : null;
  }
}
