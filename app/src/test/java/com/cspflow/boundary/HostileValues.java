package com.cspflow.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a hostile or careless caller sends for one field, each of which the field must refuse: the wrong JSON
 * type, empty, too long, control characters, out of range, wrapped or fractional numbers. Values a field may accept
 * (an empty optional text means "not given") are not generated.
 */
final class HostileValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * A value for a field: a JSON value, a raw JSON fragment (for literals a JSON library would not write, such as
   * {@code 1e400}), or the field left out.
   */
  record HostileValue(String label, JsonNode json, String rawJson, boolean absent) {

    /** Whether the value is not JSON at all, so that the refusal is about the body rather than the field. */
    boolean notJson() {
      return rawJson != null && rawJson.startsWith("N");
    }

    static HostileValue of(String label, JsonNode json) {
      return new HostileValue(label, json, null, false);
    }

    static HostileValue raw(String label, String rawJson) {
      return new HostileValue(label, null, rawJson, false);
    }

    static HostileValue missing() {
      return new HostileValue("missing", null, null, true);
    }

    /**
     * The value as JSON text; text is written with every character outside printable ASCII escaped, so that a lone
     * surrogate or a NUL byte reaches the server exactly as chosen.
     */
    String jsonText() {
      if (rawJson != null) {
        return rawJson;
      }
      return json.isTextual() ? escaped(json.asText()) : json.toString();
    }
  }

  private HostileValues() {}

  static String escaped(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /** Every value the field must refuse; {@code valid} is a value it accepts (the base for appended characters). */
  static List<HostileValue> of(FieldSpec field, String valid) {
    List<HostileValue> values = new ArrayList<>();
    if (field.required()) {
      values.add(HostileValue.missing());
      values.add(HostileValue.of("null", NullNode.getInstance()));
    }
    switch (field.kind()) {
      case TEXT, CHOICE -> text(field, valid, values);
      case WHOLE_NUMBER -> wholeNumber(field, values);
      case NUMBER -> number(field, values);
      case BOOLEAN -> bool(values);
    }
    return values;
  }

  private static void text(FieldSpec field, String valid, List<HostileValue> values) {
    values.add(HostileValue.of("number where text", JSON.numberNode(42)));
    values.add(HostileValue.of("fraction where text", JSON.numberNode(new BigDecimal("1.5"))));
    values.add(HostileValue.of("boolean where text", JSON.booleanNode(true)));
    values.add(HostileValue.of("object where text", JSON.objectNode().put("value", valid)));
    values.add(HostileValue.of("array where text", JSON.arrayNode().add(valid)));
    ifRefused(field, values, "empty", "");
    ifRefused(field, values, "blank", "   ");
    if (field.maxLength() != null) {
      ifRefused(field, values, "maxLength+1", "a".repeat(field.maxLength() + 1));
      ifRefused(field, values, "maxLength+1 astral characters", "\uD83D\uDE00".repeat(field.maxLength() + 1));
    }
    values.add(text("10,000 characters", "x".repeat(10_000)));
    values.add(text("NUL byte", valid + "\u0000"));
    values.add(text("NUL byte alone", "\u0000"));
    values.add(text("BEL", valid + "\u0007"));
    values.add(text("ESC", valid + "\u001B[2J"));
    values.add(text("C1 control", valid + "\u0085"));
    values.add(text("lone surrogate", valid + "\uD800"));
    values.add(text("zero width space alone", "\u200B"));
    values.add(text("no-break spaces alone", "\u00A0\u00A0"));
    values.add(text("byte order mark alone", "\uFEFF"));
    values.add(text("right-to-left override", valid + "\u202E"));
    if (!field.multiline()) {
      values.add(text("line break", valid + "\nsecond line"));
      values.add(text("line separator", valid + "\u2028second line"));
      values.add(text("tab", valid + "\tx"));
    }
    ifRefused(field, values, "trailing quote and SQL", valid + "' OR '1'='1");
    ifRefused(field, values, "three letters", "SWE");
    if (field.choices() != null) {
      String first = field.choices().get(0);
      if (!first.toLowerCase().equals(first)) {
        values.add(text("choice in lower case", first.toLowerCase()));
      }
      values.add(text("unknown choice", "BOGUS"));
      values.add(HostileValue.of("choice by number", JSON.numberNode(0)));
    }
    if ("email".equals(field.format()) || field.name().toLowerCase().endsWith("email")) {
      values.add(text("two addresses", "anna@contoso.example,eve@evil.example"));
      values.add(text("two addresses with a space", "anna@contoso.example eve@evil.example"));
      values.add(text("empty domain label", "anna@contoso..example"));
      values.add(text("display name", "Anna <anna@contoso.example>"));
      values.add(text("header injection", "anna@contoso.example\r\nBcc: eve@evil.example"));
      values.add(text("no domain", "anna@"));
      values.add(text("no dot in domain", "anna@localhost"));
      values.add(text("comment", "anna(eve@evil.example)@contoso.example"));
      values.add(text("quoted local part", "\"anna,eve\"@contoso.example"));
    }
  }

  private static void wholeNumber(FieldSpec field, List<HostileValue> values) {
    values.add(text("text where a whole number", "twelve"));
    values.add(text("numeric text", "12"));
    values.add(text("number then NUL", "7\u0000"));
    values.add(text("empty", ""));
    values.add(HostileValue.of("boolean where a whole number", JSON.booleanNode(true)));
    values.add(HostileValue.of("object where a whole number", JSON.objectNode().put("value", 12)));
    values.add(HostileValue.of("array where a whole number", JSON.arrayNode().add(12)));
    values.add(HostileValue.of("fraction 12.9", JSON.numberNode(new BigDecimal("12.9"))));
    values.add(HostileValue.raw("exponent 1e1", "1e1"));
    values.add(HostileValue.of("2^32+12", JSON.numberNode(4_294_967_308L)));
    values.add(HostileValue.of("-2^32+12", JSON.numberNode(-4_294_967_284L)));
    values.add(HostileValue.of("2^63", JSON.numberNode(BigInteger.ONE.shiftLeft(63))));
    values.add(HostileValue.raw("1e400", "1e400"));
    values.add(HostileValue.raw("-1e400", "-1e400"));
    if (field.minimum() != null) {
      values.add(HostileValue.of("minimum-1", JSON.numberNode(field.minimum().toBigInteger().subtract(BigInteger.ONE))));
      if (field.minimum().signum() >= 0) {
        values.add(HostileValue.of("negative", JSON.numberNode(-1)));
      }
    }
    if (field.maximum() != null) {
      values.add(HostileValue.of("maximum+1", JSON.numberNode(field.maximum().toBigInteger().add(BigInteger.ONE))));
    }
  }

  private static void number(FieldSpec field, List<HostileValue> values) {
    values.add(text("numeric text", "0.5"));
    values.add(text("NaN as text", "NaN"));
    values.add(text("Infinity as text", "Infinity"));
    values.add(HostileValue.raw("NaN literal", "NaN"));
    values.add(HostileValue.of("boolean where a number", JSON.booleanNode(true)));
    values.add(HostileValue.of("object where a number", JSON.objectNode().put("value", 1)));
    values.add(HostileValue.of("array where a number", JSON.arrayNode().add(1)));
    values.add(HostileValue.raw("1e400", "1e400"));
    values.add(HostileValue.raw("-1e400", "-1e400"));
    if (field.minimum() != null) {
      values.add(HostileValue.of("just under the minimum",
          JSON.numberNode(field.minimum().subtract(new BigDecimal("0.0001")))));
      if (field.minimum().signum() > 0) {
        values.add(HostileValue.raw("1e-400", "1e-400"));
        values.add(HostileValue.of("zero", JSON.numberNode(0)));
      }
    }
    if (field.maximum() != null) {
      values.add(HostileValue.of("just over the maximum",
          JSON.numberNode(field.maximum().add(new BigDecimal("0.0001")))));
    }
  }

  private static void bool(List<HostileValue> values) {
    values.add(text("text where a boolean", "true"));
    values.add(text("yes", "yes"));
    values.add(text("empty", ""));
    values.add(HostileValue.of("number 1 where a boolean", JSON.numberNode(1)));
    values.add(HostileValue.of("number 0 where a boolean", JSON.numberNode(0)));
    values.add(HostileValue.of("object where a boolean", JSON.objectNode().put("value", true)));
    values.add(HostileValue.of("array where a boolean", JSON.arrayNode().add(true)));
  }

  private static HostileValue text(String label, String value) {
    return HostileValue.of(label, JSON.textNode(value));
  }

  private static void ifRefused(FieldSpec field, List<HostileValue> values, String label, String value) {
    if (field.refusesText(value)) {
      values.add(text(label, value));
    }
  }

  /** The UTF-8 bytes of JSON text, kept apart so that tests can splice in bytes that are not UTF-8. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
