package com.cspflow.csp;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One product the partner can order. {@code catalogItemId} is new commerce's productId:skuId:availabilityId.
 * Prices are per seat per month in {@code currency}: {@code unitPrice} on the cheapest term, and
 * {@code termUnitPrices} per term (a monthly term costs more than a yearly commitment).
 */
public record CatalogOffer(
    String catalogItemId,
    String category,
    String productGroup,
    String productName,
    int minimumQuantity,
    int maximumQuantity,
    List<String> termDurations,
    List<String> billingCycles,
    BigDecimal unitPrice,
    String currency,
    Map<String, BigDecimal> termUnitPrices) {

  public CatalogOffer {
    termUnitPrices = termUnitPrices == null ? Map.of() : Map.copyOf(termUnitPrices);
  }

  /** What a seat costs per month on {@code termDuration}; the cheapest price where the term has none of its own. */
  public BigDecimal unitPrice(String termDuration) {
    return termDuration == null ? unitPrice : termUnitPrices.getOrDefault(termDuration, unitPrice);
  }
}
