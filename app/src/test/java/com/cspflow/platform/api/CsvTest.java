package com.cspflow.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the back office opens in a spreadsheet: quoted where a cell needs it, and never a formula. */
class CsvTest {

  @JsonPropertyOrder({"customer", "renewsOn", "quantity", "amount", "note"})
  record Row(String customer, LocalDate renewsOn, int quantity, BigDecimal amount, String note) {}

  @Test
  void ordinaryRowsAreAHeaderAndOneLinePerRowWithDatesAsIsoDays() {
    String csv = Csv.of(List.of(new Row("Contoso", LocalDate.of(2026, 12, 24), 12, new BigDecimal("-12.50"), null),
        new Row("Fabrikam AB", LocalDate.of(2027, 1, 1), -3, new BigDecimal("345.00"), "seats-reduced")), Row.class);

    assertThat(csv).isEqualTo("customer,renewsOn,quantity,amount,note\n"
        + "Contoso,2026-12-24,12,-12.50,\n"
        + "\"Fabrikam AB\",2027-01-01,-3,345.00,seats-reduced\n");
  }

  @Test
  void aCellWithACommaAQuoteOrALineBreakIsQuotedWithItsQuotesDoubled() {
    String csv = Csv.of(List.of(new Row("Smith, Jones & Co", null, 1, BigDecimal.ONE, "the \"big\" one"),
        new Row("two\r\nlines", null, 1, BigDecimal.ONE, "one\nmore")), Row.class);

    assertThat(csv.split("\n", 2)[1]).isEqualTo("\"Smith, Jones & Co\",,1,1,\"the \"\"big\"\" one\"\n"
        + "\"two\r\nlines\",,1,1,\"one\nmore\"\n");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
    List<String> formulas = List.of("=1+2 AB", "+46 8 123 456", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1",
        "=HYPERLINK(\"http://evil.example\",\"Click\")");
    for (String formula : formulas) {
      String csv = Csv.of(List.of(new Row(formula, null, -1, new BigDecimal("-12.50"), "ok")), Row.class);
      String line = csv.split("\n", 2)[1];
      assertThat(line).as(formula).matches("(?s)\"'" + java.util.regex.Pattern.quote(
          formula.replace("\"", "\"\"")) + "\",,-1,-12.50,ok\n");
    }
  }

  @Test
  void textWithAFormulaCharacterAnywhereButFirstIsLeftAsItIs() {
    assertThat(Csv.inert("Contoso =1+2")).isEqualTo("Contoso =1+2");
    assertThat(Csv.inert("x-y")).isEqualTo("x-y");
    assertThat(Csv.inert("")).isEmpty();
    assertThat(Csv.inert("'=1")).isEqualTo("'=1");
  }
}
