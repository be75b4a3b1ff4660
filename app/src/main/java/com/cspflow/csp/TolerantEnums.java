package com.cspflow.csp;

/** Partner Center adds enum values over time: anything we do not know is the fallback, never an error. */
final class TolerantEnums {

  private TolerantEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
    if (value == null) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException notKnown) {
      return unknown;
    }
  }
}
