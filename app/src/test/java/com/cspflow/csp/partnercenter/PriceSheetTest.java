package com.cspflow.csp.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The price sheet is read as Microsoft sends it: a CSV (with or without a byte order mark) or a zip holding it. */
class PriceSheetTest {

  static final String CSV = "ProductTitle,ProductId,SkuId,TermDuration,BillingPlan,Market,Currency,UnitPrice,"
      + "EffectiveStartDate,EffectiveEndDate\r\n"
      + "\"Microsoft 365 Business Basic, monthly\",CFQ7TTC0LH18,0001,P1Y,Monthly,SE,EUR,5.88,"
      + "2026-12-01T00:00:00Z,\r\n";

  @Test
  void aCsvWithAByteOrderMarkAndAZipOfItGiveTheSameRows() throws IOException {
    var fromCsv = PriceSheet.read(("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8));
    var fromZip = PriceSheet.read(zip("docs/", null, "pricesheet_SE_202612.csv", CSV));

    assertThat(fromCsv).singleElement().satisfies(row -> {
      assertThat(row.productAndSku()).isEqualTo("CFQ7TTC0LH18:0001");
      assertThat(row.billingPlan()).isEqualTo("monthly");
      assertThat(row.unitPrice()).isEqualByComparingTo(new BigDecimal("5.88"));
      assertThat(row.effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(row.effectiveTo()).isNull();
    });
    assertThat(fromZip).isEqualTo(fromCsv);
  }

  @Test
  void aZipWithoutACsvIsRefusedWithWhatItLacks() throws IOException {
    assertThatThrownBy(() -> PriceSheet.read(zip("readme.txt", "not a price sheet", null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the zip file holds no .csv file");
  }

  private static byte[] zip(String firstName, String firstText, String csvName, String csv) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(firstName));
      if (firstText != null) {
        out.write(firstText.getBytes(StandardCharsets.UTF_8));
      }
      out.closeEntry();
      if (csvName != null) {
        out.putNextEntry(new ZipEntry(csvName));
        out.write(csv.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
