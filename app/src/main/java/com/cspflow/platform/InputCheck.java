package com.cspflow.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a process's start input, field by field, and fails with all of it at once
 * ({@link InvalidProcessInput}, HTTP 400 through the REST API).
 */
public final class InputCheck {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Map<String, String> problems = new LinkedHashMap<>();

  /** A required text of at most {@code maxLength} characters, trimmed; null when invalid. */
  public String text(String field, Object value, int maxLength) {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      problems.put(field, "is required");
      return null;
    }
    if (text.length() > maxLength) {
      problems.put(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  /** A required text that must match {@code pattern}; {@code hint} tells the caller what is expected. */
  public String matching(String field, Object value, Pattern pattern, String hint) {
    String text = text(field, value, 254);
    if (text != null && !pattern.matcher(text).matches()) {
      problems.put(field, hint);
      return null;
    }
    return text;
  }

  public String email(String field, Object value) {
    return matching(field, value, EMAIL, "must be an email address");
  }

  public void problem(String field, String message) {
    problems.put(field, message);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new InvalidProcessInput(problems);
    }
  }
}
