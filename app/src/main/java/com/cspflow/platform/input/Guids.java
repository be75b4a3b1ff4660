package com.cspflow.platform.input;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GUIDs are case-insensitive on input (RFC 9562) and cspflow keeps and compares them in lower case, as it writes
 * them and as Microsoft sends them. An integration that keeps ids in upper case (as Windows tools print them) found
 * nothing: every lookup compared the text.
 */
public final class Guids {

  private static final Pattern GUID = Pattern.compile(Patterns.GUID);

  private Guids() {}

  /** A GUID in lower case; anything that is not a GUID unchanged, for validation to refuse by name. */
  public static String lowerCase(String value) {
    return value != null && GUID.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : value;
  }
}
