package com.cspflow.catalogorder;

import com.cspflow.ordering.OrderSubscription;
import com.cspflow.platform.input.CompletesTask;
import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.PlainText;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What a person gives "Order from the catalog": the customer at the start, then the product chosen. */
final class CatalogOrderCommands {

  private CatalogOrderCommands() {}

  /** The start form: which customer the subscription is for. */
  @StartsProcess(CatalogOrderService.PROCESS_KEY)
  record OrderFromCatalog(
      @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId) {

    OrderFromCatalog {
      organizationId = Guids.lowerCase(organizationId);
    }
  }

  /**
   * "Choose product, term and seats": one of the choices the task was given (checked again when it is ordered, as an
   * order over the API is).
   */
  @CompletesTask(process = CatalogOrderService.PROCESS_KEY, task = "Task_ChooseProduct")
  record ChosenProduct(
      @NotBlank @PlainText(max = 50) String category,
      @NotBlank @PlainText(max = 50) String productGroup,
      @NotBlank @Pattern(regexp = Patterns.CATALOG_ITEM, message = Patterns.CATALOG_ITEM_HINT) String catalogItemId,
      @NotBlank @Pattern(regexp = Patterns.TERM, message = Patterns.TERM_HINT) String termDuration,
      @NotBlank @Pattern(regexp = Patterns.BILLING_CYCLE, message = Patterns.BILLING_CYCLE_HINT) String billingCycle,
      @NotNull @Min(1) @Max(Patterns.MAX_SEATS) Integer quantity) {

    OrderSubscription forCustomer(String organizationId) {
      return new OrderSubscription(organizationId, category, productGroup, catalogItemId, quantity, termDuration,
          billingCycle);
    }
  }
}
