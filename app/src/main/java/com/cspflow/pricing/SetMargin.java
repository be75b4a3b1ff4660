package com.cspflow.pricing;

import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.Margin.Kind;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * The back office sets a partner's margin: for all its products ({@code PARTNER}), a product group
 * ({@code PRODUCT_GROUP} with {@code productGroup}) or one product ({@code PRODUCT} with {@code catalogItemId}); a
 * percentage of Microsoft's price, or a fixed amount per seat and month in the price list's currency.
 */
@Schema(description = "A partner's margin on Microsoft's price")
public record SetMargin(
    @NotNull @Schema(example = "PARTNER") AppliesTo appliesTo,
    @PlainText(max = 50) @Schema(description = "With PRODUCT_GROUP (only): the catalog's product group, e.g. "
        + "Microsoft 365") String productGroup,
    @Pattern(regexp = Patterns.CATALOG_ITEM,
        message = Patterns.CATALOG_ITEM_HINT)
    @Schema(description = "With PRODUCT (only): the product's catalog item, e.g. CFQ7TTC0LH18:0001:CFQ7TTC09644")
    String catalogItemId,
    @NotNull @Schema(example = "PERCENT") Kind kind,
    @NotNull @DecimalMin("0.00") @DecimalMax("1000.00") @Digits(integer = 4, fraction = 2)
    @Schema(description = "Percent of Microsoft's price, or the amount per seat and month", example = "12.5")
    BigDecimal value,
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code like EUR")
    @Schema(description = "With FIXED (only): the price list's currency, e.g. EUR") String currency) {

  /** What the margin applies to: nothing for the partner's own, else the product group or catalog item. */
  String target() {
    return switch (appliesTo) {
      case PARTNER -> "";
      case PRODUCT_GROUP -> productGroup;
      case PRODUCT -> catalogItemId;
    };
  }
}
