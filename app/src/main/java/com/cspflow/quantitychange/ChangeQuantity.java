package com.cspflow.quantitychange;

import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** "Change the number of seats" of a subscription the partner's customer has; the catalog's range is checked too. */
@StartsProcess(QuantityChangeService.PROCESS_KEY)
public record ChangeQuantity(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId,
    @NotNull @Min(1) @Max(Patterns.MAX_SEATS) Integer quantity) {

  public ChangeQuantity {
    subscriptionId = Guids.lowerCase(subscriptionId);
  }
}
