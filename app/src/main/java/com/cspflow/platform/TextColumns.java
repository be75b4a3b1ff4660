package com.cspflow.platform;

/**
 * Text of our own making (a failure message, Microsoft's error text) cut to the column it is stored in, so that a
 * long message never fails the write that records it.
 */
public final class TextColumns {

  private TextColumns() {}

  /**
   * {@code text} if it fits {@code max} characters, otherwise its first {@code max}, never ending in half of a
   * character outside the Basic Multilingual Plane (an emoji is two Java chars and one character to the database).
   * Null stays null.
   */
  public static String fitted(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
