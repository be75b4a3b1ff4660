package com.cspflow.pricing;

import com.cspflow.pricing.PartnerPrices.Price;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * What an order or a seat change costs the partner per month, priced when it was asked for: the partner's unit price
 * (Microsoft's price with the partner's margin) and Microsoft's, per seat and month on the term and billing plan
 * chosen, and the partner's monthly amount for the seats. Rounded where the price was made, never again.
 */
@Schema(description = "Per seat and month on the chosen term and billing plan, priced when asked for")
public record SeatPrice(
    @Schema(description = "The partner's price per seat and month", example = "6.30") BigDecimal unitPrice,
    @Schema(description = "Microsoft's price per seat and month (the marketplace's cost)", example = "5.25")
    BigDecimal costUnitPrice,
    @Schema(description = "unitPrice × seats", example = "75.60") BigDecimal monthlyAmount,
    @Schema(example = "EUR") String currency) {

  /**
   * The price stored with a row ({@code unit_price}, {@code cost_unit_price}, {@code currency}) for its seats; null
   * where none was known.
   */
  public static SeatPrice stored(java.sql.ResultSet row, int seats) throws java.sql.SQLException {
    BigDecimal unitPrice = row.getBigDecimal("unit_price");
    String currency = row.getString("currency");
    return unitPrice == null || currency == null ? null : new SeatPrice(unitPrice, row.getBigDecimal("cost_unit_price"),
        unitPrice.multiply(BigDecimal.valueOf(seats)), currency.trim());
  }

  public static SeatPrice of(Price price, int seats) {
    return new SeatPrice(price.sale(), price.cost(), price.sale().multiply(BigDecimal.valueOf(seats)),
        price.currency());
  }
}
