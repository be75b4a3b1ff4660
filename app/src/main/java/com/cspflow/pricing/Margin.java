package com.cspflow.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The marketplace's margin on Microsoft's price for one partner: for all its products, a product group or one
 * product (its catalog item), as a percentage of Microsoft's price or a fixed amount per seat and month.
 *
 * @param target empty for {@link AppliesTo#PARTNER}, the product group, or the catalog item id
 * @param currency the fixed amount's currency; none for a percentage
 */
public record Margin(AppliesTo appliesTo, String target, Kind kind, BigDecimal value, String currency,
    String setBy, Instant setAt) {

  /** How specific a margin is; the most specific one that matches a product applies. */
  public enum AppliesTo { PARTNER, PRODUCT_GROUP, PRODUCT }

  public enum Kind { PERCENT, FIXED }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** A percentage of Microsoft's price that no partner set: the marketplace's default. */
  public static Margin marketplaceDefault(BigDecimal percent) {
    return new Margin(AppliesTo.PARTNER, "", Kind.PERCENT, percent, null, null, null);
  }

  /**
   * The partner's price of one seat and month whose cost is {@code cost}: the one place a price is rounded, to
   * cents, half up.
   */
  public BigDecimal salePrice(BigDecimal cost) {
    BigDecimal sale = kind == Kind.PERCENT
        ? cost.add(cost.multiply(value).divide(HUNDRED))
        : cost.add(value);
    return sale.setScale(2, RoundingMode.HALF_UP);
  }

  /** In words, for price lists: "12.50 %" or "2.00 EUR". */
  public String describe() {
    return kind == Kind.PERCENT ? value.stripTrailingZeros().toPlainString() + " %"
        : value.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
  }
}
