package com.cspflow.partnersetup;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.catalog.CatalogService;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** "When you have added the service you can view the price list": JSON, or CSV for a spreadsheet. */
@RestController
@RequestMapping("/api/partners/{partnerId}/price-list")
public class PriceListController {

  private static final CsvMapper CSV = new CsvMapper();

  private final PartnerRepository partners;
  private final CatalogService catalog;

  public PriceListController(PartnerRepository partners, CatalogService catalog) {
    this.partners = partners;
    this.catalog = catalog;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public List<PriceListLine> json(@PathVariable String partnerId) {
    requireActive(partnerId);
    return catalog.offers().stream()
        .sorted(Comparator.comparing(CatalogOffer::category).thenComparing(CatalogOffer::productGroup)
            .thenComparing(CatalogOffer::productName))
        .map(PriceListLine::of)
        .toList();
  }

  @GetMapping(produces = "text/csv")
  public String csv(@PathVariable String partnerId) throws JsonProcessingException {
    return CSV.writer(CSV.schemaFor(PriceListLine.class).withHeader()).writeValueAsString(json(partnerId));
  }

  private void requireActive(String partnerId) {
    Partner partner = partners.find(partnerId).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No partner " + partnerId));
    if (!partner.active()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "Partner " + partnerId + " has not added the Microsoft 365 service (status " + partner.status() + ")");
    }
  }

  @JsonPropertyOrder({"category", "productGroup", "product", "catalogItemId", "minimumQuantity", "maximumQuantity",
      "terms", "billingCycles", "unitPrice", "currency"})
  public record PriceListLine(String category, String productGroup, String product, String catalogItemId,
      int minimumQuantity, int maximumQuantity, String terms, String billingCycles, BigDecimal unitPrice,
      String currency) {

    static PriceListLine of(CatalogOffer offer) {
      return new PriceListLine(offer.category(), offer.productGroup(), offer.productName(), offer.catalogItemId(),
          offer.minimumQuantity(), offer.maximumQuantity(), String.join(" ", offer.termDurations()),
          String.join(" ", offer.billingCycles()), offer.unitPrice(), offer.currency());
    }
  }
}
