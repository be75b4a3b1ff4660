package com.cspflow.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A body Camunda's REST API cannot read (at /engine-rest and behind Tasklist) is a 400 in Camunda's error format that
 * says where and what was expected in the caller's terms: Camunda answered it as text/plain with Jackson's sentence,
 * which names its Java classes ("Cannot deserialize value of type `java.util.LinkedHashMap<…VariableValueDto>` from
 * Array value"), and malformed JSON with an empty message.
 */
public final class UnreadableBodies {

  private UnreadableBodies() {}

  /** A body of the wrong shape: an array where an object belongs, a type id no one knows, text for a number. */
  @Priority(1)
  public static class WrongShape implements ExceptionMapper<JsonMappingException> {

    @Override
    public Response toResponse(JsonMappingException exception) {
      String where = where(exception);
      String what;
      if (exception instanceof InvalidTypeIdException unknownType) {
        what = "'" + unknownType.getTypeId() + "' is not one of the types this field takes";
      } else if (exception instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        what = "must be " + expected(mismatch.getTargetType());
      } else {
        what = "does not have the shape this resource reads";
      }
      return EngineRestRefusals.answer(Response.Status.BAD_REQUEST, where.isEmpty() ? "The body " + what
          : where + " " + what);
    }
  }

  /** A body that is not JSON at all. */
  @Priority(1)
  public static class NotJson implements ExceptionMapper<JsonParseException> {

    @Override
    public Response toResponse(JsonParseException exception) {
      var at = exception.getLocation();
      return EngineRestRefusals.answer(Response.Status.BAD_REQUEST, "The body is not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  /** The field's path as the caller wrote it: {@code variables}, {@code startInstructions[0].type}. */
  static String where(JsonMappingException exception) {
    return exception.getPath().stream().map(step -> step.getFieldName() != null ? "." + step.getFieldName()
            : step.getIndex() >= 0 ? "[" + step.getIndex() + "]" : "")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  private static String expected(Class<?> type) {
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class && type != char.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class || type.isEnum()) {
      return "text";
    }
    return "an object";
  }
}
