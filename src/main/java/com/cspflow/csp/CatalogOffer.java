package com.cspflow.csp;

import java.math.BigDecimal;
import java.util.List;

/**
 * One product the partner can order. {@code catalogItemId} is new commerce's productId:skuId:availabilityId.
 * {@code unitPrice} is per seat per month in {@code currency}.
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
    String currency) {}
