package com.cspflow.platform.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;

/**
 * Rows as CSV with a header, the spreadsheet form of every list the API answers as {@code text/csv}: one line per row
 * ending in LF, dates as ISO days, a cell quoted when it holds a comma, a quote or a line break (inner quotes doubled;
 * Jackson's writer also quotes some cells that need not be, such as those with a space, which spreadsheets read the
 * same).
 *
 * <p>Text that begins with {@code = + - @}, a tab or a carriage return gets a leading apostrophe. The back office opens
 * these files in Excel, and text a partner typed (a customer named {@code =HYPERLINK(...)}) would otherwise run as a
 * formula there ("CSV injection"). Numbers are not text: a negative amount stays a number.
 */
public final class Csv {

  private static final CsvMapper MAPPER = mapper();

  private Csv() {}

  public static String of(List<?> rows, Class<?> type) {
    try {
      return MAPPER.writer(MAPPER.schemaFor(type).withHeader()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rows of " + type.getSimpleName() + " cannot be written as CSV", e);
    }
  }

  /** The text as a spreadsheet shows it rather than runs it. */
  static String inert(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  private static CsvMapper mapper() {
    CsvMapper csv = new CsvMapper();
    csv.registerModule(new JavaTimeModule());
    csv.registerModule(new SimpleModule("InertText").addSerializer(String.class, new InertText()));
    csv.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return csv;
  }

  private static final class InertText extends StdSerializer<String> {

    InertText() {
      super(String.class);
    }

    @Override
    public void serialize(String text, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeString(inert(text));
    }
  }
}
