package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxOperation.Grant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Microsoft's license-based price sheet ("Get a price sheet": {@code GET
 * https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value}), a
 * CSV with one row per product, SKU, term and billing plan; zipped when the request accepts {@code deflate}. {@code timeline=current} is this month's;
 * {@code timeline=history&month=YYYYMM} another month's. Microsoft publishes a month's prices ahead of it: the sandbox
 * serves next month's sheet too (so that a price change is known before it applies) and answers 404 further ahead.
 */
@RestController
class SandboxPriceSheetController {

  static final String LICENSE_BASED_VIEW = "updatedlicensebased";
  static final String HEADER = "ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,"
      + "TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,"
      + "EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  private final SandboxCatalog catalog;

  SandboxPriceSheetController(SandboxCatalog catalog) {
    this.catalog = catalog;
  }

  @SandboxOperation(value = "price-sheet", grant = Grant.APP_USER)
  @GetMapping("/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value")
  ResponseEntity<byte[]> priceSheet(@PathVariable String market, @PathVariable String view,
      @RequestParam(defaultValue = "current") String timeline, @RequestParam(required = false) String month,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
    String country = SandboxPartnerCenterController.market(market);
    if (!LICENSE_BASED_VIEW.equalsIgnoreCase(view)) {
      throw SandboxError.invalid("The sandbox serves the " + LICENSE_BASED_VIEW + " view only");
    }
    YearMonth current = YearMonth.now(ZoneOffset.UTC);
    YearMonth asked = "current".equalsIgnoreCase(timeline) ? current : month(month);
    if (asked.isAfter(current.plusMonths(1))) {
      throw SandboxError.notFound("The price sheet of " + asked + " is not published yet");
    }
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (SandboxCatalog.PriceRow row : catalog.priceSheet(asked)) {
      SandboxCatalog.Offer offer = row.offer();
      csv.append(String.join(",", List.of(field(row.product().title()), offer.productId(), offer.skuId(),
          field(offer.name()), "Microsoft Corporation", field(offer.name()), "Licenses", row.term().duration(),
          capitalized(row.term().billingCycle()), country, SandboxCatalog.CURRENCY, row.unitPrice().toPlainString(),
          String.valueOf(offer.minimumQuantity()), String.valueOf(offer.maximumQuantity()),
          row.effectiveStart() + "T00:00:00Z", row.effectiveEnd() == null ? "" : row.effectiveEnd() + "T23:59:59Z",
          "", row.unitPrice().toPlainString(), segment(offer.segment())))).append("\r\n");
    }
    byte[] sheet = csv.toString().getBytes(StandardCharsets.UTF_8);
    if (acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("deflate")) {
      String name = "pricesheet_" + country + "_" + MONTH.format(asked) + ".csv";
      return ResponseEntity.ok().contentType(new MediaType("application", "zip"))
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replace(".csv", ".zip") + "\"")
          .body(zipped(name, sheet));
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv")).body(sheet);
  }

  /** The sheet as the one file of a zip file, as Partner Center sends it when asked for a compressed file. */
  private static byte[] zipped(String name, byte[] csv) {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(csv);
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip.toByteArray();
  }

  private static YearMonth month(String month) {
    try {
      return YearMonth.parse(month == null ? "" : month, MONTH);
    } catch (DateTimeParseException e) {
      throw SandboxError.invalid("timeline=history needs month=YYYYMM");
    }
  }

  /** The price sheet names the nonprofit segment "Charity". */
  private static String segment(String segment) {
    return "nonprofit".equals(segment) ? "Charity" : capitalized(segment);
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String field(String value) {
    return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
