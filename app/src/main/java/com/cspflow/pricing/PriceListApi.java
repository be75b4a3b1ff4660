package com.cspflow.pricing;

import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.TermPlan;
import com.cspflow.partnersetup.Partner;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.api.Csv;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.pricing.PartnerPrices.Price;
import com.cspflow.pricing.PartnerPrices.Pricer;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "When you have added the service you can view the price list": every product of the catalog on each of its terms,
 * with Microsoft's price (cost), the partner's price (sale) and the margin between them, as JSON or CSV.
 */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Price list", description = "The partner's price list: Microsoft's price and the partner's, per term and "
    + "billing plan")
public class PriceListApi {

  private final PartnerRepository partners;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final PartnerAccess access;
  private final Clock clock;

  public PriceListApi(PartnerRepository partners, CatalogService catalog, PartnerPrices prices,
      PartnerAccess access, Clock clock) {
    this.partners = partners;
    this.catalog = catalog;
    this.prices = prices;
    this.access = access;
    this.clock = clock;
  }

  @GetMapping(path = "/price-list", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The price list, once the partner's service is active (Accept: text/csv for CSV)",
      description = "One line per product, term and billing plan, at today's prices: Microsoft's price per seat and month (costPrice), the partner's "
          + "(salePrice) and the margin that applies (the product's, its product group's, the partner's or the "
          + "marketplace's default).")
  public List<PriceListLine> priceList(@PathVariable @PartnerId String partnerId) {
    access.readingFor(partnerId);
    Partner partner = partners.find(partnerId).orElseThrow(() -> new NotFound("No partner " + partnerId));
    if (!partner.active()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "Partner " + partnerId + " has not added the Microsoft 365 service (status " + partner.status() + ")");
    }
    Pricer pricer = prices.forPartner(partnerId);
    LocalDate today = LocalDate.now(clock);
    return catalog.offersForSale().stream()
        .sorted(Comparator.comparing(CatalogOffer::category).thenComparing(CatalogOffer::productGroup)
            .thenComparing(CatalogOffer::productName))
        .flatMap(offer -> offer.terms().stream().flatMap(term -> pricer.price(partnerId, offer, term.termDuration(),
            term.billingCycle(), today).map(price -> PriceListLine.of(offer, term, price)).stream()))
        .toList();
  }

  @GetMapping(path = "/price-list", produces = "text/csv")
  public String priceListCsv(@PathVariable @PartnerId String partnerId) {
    return Csv.of(priceList(partnerId), PriceListLine.class);
  }

  @JsonPropertyOrder({"category", "productGroup", "product", "catalogItemId", "minimumQuantity", "maximumQuantity",
      "termDuration", "billingCycle", "costPrice", "salePrice", "margin", "currency"})
  public record PriceListLine(String category, String productGroup, String product, String catalogItemId,
      int minimumQuantity, int maximumQuantity, String termDuration, String billingCycle, BigDecimal costPrice,
      BigDecimal salePrice, String margin, String currency) {

    static PriceListLine of(CatalogOffer offer, TermPlan term, Price price) {
      return new PriceListLine(offer.category(), offer.productGroup(), offer.productName(), offer.catalogItemId(),
          offer.minimumQuantity(), offer.maximumQuantity(), term.termDuration(), term.billingCycle(), price.cost(),
          price.sale(), price.margin().describe(), price.currency());
    }
  }
}
