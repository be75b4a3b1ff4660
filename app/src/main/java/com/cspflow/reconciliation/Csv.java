package com.cspflow.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/** Rows as CSV with a header, dates as ISO days: the reports' spreadsheet form. */
final class Csv {

  private static final CsvMapper MAPPER = mapper();

  private Csv() {}

  static String of(List<?> rows, Class<?> type) throws JsonProcessingException {
    return MAPPER.writer(MAPPER.schemaFor(type).withHeader()).writeValueAsString(rows);
  }

  private static CsvMapper mapper() {
    CsvMapper csv = new CsvMapper();
    csv.registerModule(new JavaTimeModule());
    csv.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return csv;
  }
}
