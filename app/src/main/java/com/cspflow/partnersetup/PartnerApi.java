package com.cspflow.partnersetup;

import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A partner's Microsoft 365 service: "Add the service to your E-store" (contact person and MPN ID, which Microsoft
 * verifies), its status, and "When you have added the service you can view the price list" (JSON, or CSV).
 */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Partner", description = "The partner's Microsoft 365 service and price list")
public class PartnerApi {

  private static final CsvMapper CSV = new CsvMapper();

  private final PartnerRepository partners;
  private final CatalogService catalog;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public PartnerApi(PartnerRepository partners, CatalogService catalog, PartnerAccess access,
      ProcessStarter processes) {
    this.partners = partners;
    this.catalog = catalog;
    this.access = access;
    this.processes = processes;
  }

  /** 202: the MPN ID is being verified with Microsoft; the partner shows PENDING, then ACTIVE or REJECTED. */
  @PostMapping("/microsoft365")
  @Operation(summary = "Add the Microsoft 365 service (first setup)", description = "Honours Idempotency-Key. 409 "
      + "when the partner has the service or is adding it.")
  public ResponseEntity<Partner> addService(@PathVariable @PartnerId String partnerId,
      @Valid @RequestBody PartnerServiceRequest request) {
    ApiCaller caller = access.actingFor(partnerId);
    processes.start(PartnerSetupService.PROCESS_KEY, request.forPartner(partnerId), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId))
        .body(partners.find(partnerId).orElseThrow());
  }

  @GetMapping
  @Operation(summary = "The partner's Microsoft 365 service: status, MPN ID, contact, Microsoft's reason if refused")
  public Partner partner(@PathVariable @PartnerId String partnerId) {
    access.readingFor(partnerId);
    return partners.find(partnerId).orElseThrow(() -> new NotFound("No partner " + partnerId));
  }

  @GetMapping(path = "/price-list", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The price list, once the partner's service is active (Accept: text/csv for CSV)")
  public List<PriceListLine> priceList(@PathVariable @PartnerId String partnerId) {
    access.readingFor(partnerId);
    Partner partner = partners.find(partnerId).orElseThrow(() -> new NotFound("No partner " + partnerId));
    if (!partner.active()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "Partner " + partnerId + " has not added the Microsoft 365 service (status " + partner.status() + ")");
    }
    return catalog.offers().stream()
        .sorted(Comparator.comparing(CatalogOffer::category).thenComparing(CatalogOffer::productGroup)
            .thenComparing(CatalogOffer::productName))
        .map(PriceListLine::of)
        .toList();
  }

  @GetMapping(path = "/price-list", produces = "text/csv")
  public String priceListCsv(@PathVariable @PartnerId String partnerId) throws JsonProcessingException {
    return CSV.writer(CSV.schemaFor(PriceListLine.class).withHeader()).writeValueAsString(priceList(partnerId));
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
