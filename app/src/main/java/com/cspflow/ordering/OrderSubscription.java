package com.cspflow.ordering;

import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.PlainText;
import com.cspflow.platform.input.StartsProcess;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * "Order Subscription": category, product group, product (its catalog item) and quantity, on a term billed by a
 * billing plan (monthly unless said otherwise). Whether the product is in that category and group, and the quantity
 * within the product's own minimum and maximum, is checked against the catalog when the order is registered.
 */
@StartsProcess(OrderingService.PROCESS_KEY)
@Schema(description = "A subscription order for one of the partner's customers")
public record OrderSubscription(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT)
    @Schema(description = "The customer organization (its id)", example = "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    String organizationId,
    @NotBlank @PlainText(max = 50) @Schema(example = "Corporate") String category,
    @NotBlank @PlainText(max = 50) @Schema(example = "Microsoft 365") String productGroup,
    @NotBlank @Pattern(regexp = Patterns.CATALOG_ITEM, message = Patterns.CATALOG_ITEM_HINT)
    @Schema(example = "CFQ7TTC0LH18:0001:CFQ7TTC09644") String catalogItemId,
    @NotNull @Min(1) @Max(Patterns.MAX_SEATS) @Schema(description = "Seats", example = "12") Integer quantity,
    @NotBlank @Pattern(regexp = Patterns.TERM, message = Patterns.TERM_HINT) @Schema(example = "P1Y")
    String termDuration,
    @Pattern(regexp = Patterns.BILLING_CYCLE, message = Patterns.BILLING_CYCLE_HINT)
    @Schema(description = "monthly when not given", example = "monthly") String billingCycle) {

  public OrderSubscription {
    organizationId = Guids.lowerCase(organizationId);
  }
}
