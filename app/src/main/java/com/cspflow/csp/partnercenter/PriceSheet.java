package com.cspflow.csp.partnercenter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Microsoft's license-based price sheet (page "Get a price sheet", view {@code updatedlicensebased}): a CSV, or a zip
 * file holding it, with one row per product, SKU, term and billing plan. Columns are found by their header, so that Microsoft may add or move
 * some; the unit price is for one billing period (a year's for an annual plan).
 */
final class PriceSheet {

  /** One row as cspflow needs it; {@code billingPlan} lower case as carts name it, {@code effectiveTo} inclusive. */
  record Row(String productId, String skuId, String termDuration, String billingPlan, String currency,
      BigDecimal unitPrice, LocalDate effectiveFrom, LocalDate effectiveTo) {

    String productAndSku() {
      return productId + ":" + skuId;
    }
  }

  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

  /** The most a zipped sheet may unpack to; the license-based sheet of a market is tens of megabytes. */
  static final long MAX_UNZIPPED_BYTES = 512L * 1024 * 1024;

  private PriceSheet() {}

  /**
   * The rows of a price sheet as Microsoft serves it: the CSV itself, or a zip file holding it (what Partner Center
   * sends when asked for a compressed file), told apart by the zip file's signature.
   */
  static List<Row> read(byte[] body) {
    if (body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) {
      return parse(new String(unzippedCsv(body), StandardCharsets.UTF_8));
    }
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unzippedCsv(byte[] zip) {
    try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          byte[] csv = entries.readNBytes((int) Math.min(MAX_UNZIPPED_BYTES + 1, Integer.MAX_VALUE - 8));
          if (csv.length > MAX_UNZIPPED_BYTES) {
            throw new IllegalArgumentException("the zipped price sheet unpacks to more than "
                + MAX_UNZIPPED_BYTES + " bytes");
          }
          return csv;
        }
      }
      throw new IllegalArgumentException("the zip file holds no .csv file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Row> parse(String csv) {
    try (BufferedReader lines = new BufferedReader(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1)
        : csv))) {
      String header = lines.readLine();
      if (header == null) {
        return List.of();
      }
      Map<String, Integer> column = new HashMap<>();
      List<String> names = fields(header);
      for (int i = 0; i < names.size(); i++) {
        column.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
      }
      List<Row> rows = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = fields(line);
        rows.add(new Row(field(fields, column, "productid"), field(fields, column, "skuid"),
            field(fields, column, "termduration"), field(fields, column, "billingplan").toLowerCase(Locale.ROOT),
            field(fields, column, "currency"), new BigDecimal(field(fields, column, "unitprice")),
            date(field(fields, column, "effectivestartdate")), date(field(fields, column, "effectiveenddate"))));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(List<String> fields, Map<String, Integer> column, String name) {
    Integer index = column.get(name);
    if (index == null) {
      throw new IllegalArgumentException("The price sheet has no column " + name);
    }
    return index < fields.size() ? fields.get(index).trim() : "";
  }

  /** ISO dates with or without a time ({@code 2026-12-01T00:00:00Z}) or US ones ({@code 12/1/2026 12:00:00 AM}). */
  private static LocalDate date(String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (value.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
      return LocalDate.parse(value.substring(0, 10));
    }
    return LocalDate.parse(value.split(" ")[0], US_DATE);
  }

  /** RFC 4180 fields: quoted ones may hold commas and doubled quotes. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
