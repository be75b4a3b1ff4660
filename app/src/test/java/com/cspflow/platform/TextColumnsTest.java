package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message cut to its column keeps whole characters. */
class TextColumnsTest {

  @Test
  void textThatFitsIsKeptAndNullStaysNull() {
    assertThat(TextColumns.fitted("HTTP 500", 8)).isEqualTo("HTTP 500");
    assertThat(TextColumns.fitted(null, 8)).isNull();
  }

  @Test
  void longerTextIsCutToTheColumn() {
    assertThat(TextColumns.fitted("HTTP 500 from Microsoft", 8)).isEqualTo("HTTP 500");
  }

  @Test
  void anEmojiAtTheCutIsLeftOutWholeNotHalved() {
    String text = "seats 😀 added";
    assertThat(TextColumns.fitted(text, 7)).isEqualTo("seats ");
    assertThat(TextColumns.fitted(text, 8)).isEqualTo("seats 😀");
  }
}
