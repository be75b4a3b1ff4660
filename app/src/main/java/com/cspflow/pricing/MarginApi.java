package com.cspflow.pricing;

import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import com.cspflow.pricing.MarginRepository.MarginChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The marketplace's margins per partner: set by the back office (or an administrator), each change recorded with
 * who made it, when, and the old and new margin. The partner's price list shows what they make of Microsoft's price.
 */
@RestController
@RequestMapping("/api/partners/{partnerId}/margins")
@Tag(name = "Margins", description = "The marketplace's margin on Microsoft's price, per partner (back office)")
public class MarginApi {

  private final MarginRepository margins;
  private final PartnerPrices prices;
  private final CatalogService catalog;
  private final PartnerAccess access;
  private final Clock clock;

  public MarginApi(MarginRepository margins, PartnerPrices prices, CatalogService catalog, PartnerAccess access,
      Clock clock) {
    this.margins = margins;
    this.prices = prices;
    this.catalog = catalog;
    this.access = access;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "The partner's margins, the marketplace's default and every change (who, when, old, new)")
  public Margins margins(@PathVariable @PartnerId String partnerId) {
    access.readingFor(partnerId);
    return new Margins(prices.marketplaceDefault(), margins.ofPartner(partnerId), margins.changesOf(partnerId));
  }

  /** Sets (or replaces) one margin; 400 naming the field when it names nothing in the catalog. */
  @PutMapping
  @Operation(summary = "Set one of the partner's margins", description = "For all its products (PARTNER), a "
      + "product group or one product; PERCENT of Microsoft's price or a FIXED amount per seat and month in the price "
      + "list's currency. Replaces the margin set before for the same products; the change is recorded.")
  public Margin set(@PathVariable @PartnerId String partnerId, @Valid @RequestBody SetMargin request) {
    ApiCaller caller = access.actingFor(partnerId);
    Map<String, String> problems = problems(request);
    if (!problems.isEmpty()) {
      throw new InvalidProcessInput(problems);
    }
    Margin margin = new Margin(request.appliesTo(), request.target(), request.kind(), request.value(),
        request.kind() == Kind.FIXED ? request.currency() : null, caller.engineUserId(), clock.instant());
    return margins.set(partnerId, margin);
  }

  /** What the fields say together: a target for exactly the scope named, a currency for exactly a fixed amount. */
  private Map<String, String> problems(SetMargin request) {
    Map<String, String> problems = new LinkedHashMap<>();
    List<CatalogOffer> offers = catalog.offers();
    if (request.appliesTo() == AppliesTo.PRODUCT_GROUP) {
      if (request.productGroup() == null || request.productGroup().isBlank()) {
        problems.put("productGroup", "is required for a margin on a product group");
      } else if (offers.stream().noneMatch(o -> o.productGroup().equals(request.productGroup()))) {
        problems.put("productGroup", "is no product group of the catalog");
      }
    } else if (request.productGroup() != null) {
      problems.put("productGroup", "is given only for a margin on a product group");
    }
    if (request.appliesTo() == AppliesTo.PRODUCT) {
      if (request.catalogItemId() == null) {
        problems.put("catalogItemId", "is required for a margin on a product");
      } else if (offers.stream().noneMatch(o -> o.catalogItemId().equals(request.catalogItemId()))) {
        problems.put("catalogItemId", "is no product of the catalog");
      }
    } else if (request.catalogItemId() != null) {
      problems.put("catalogItemId", "is given only for a margin on a product");
    }
    if (request.kind() == Kind.FIXED) {
      List<String> currencies = offers.stream().map(CatalogOffer::currency).distinct().toList();
      if (request.currency() == null) {
        problems.put("currency", "is required for a fixed amount (the price list's: " + currencies + ")");
      } else if (!currencies.contains(request.currency())) {
        problems.put("currency", "must be the price list's currency " + currencies);
      }
    } else if (request.currency() != null) {
      problems.put("currency", "is given only for a fixed amount");
    }
    return problems;
  }

  /** A partner's margins: the marketplace's default applies where the partner has none. */
  public record Margins(Margin marketplaceDefault, List<Margin> margins, List<MarginChange> changes) {}
}
