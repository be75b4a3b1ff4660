package com.cspflow.nextterm;

import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * "Change this subscription at its renewal": auto-renew on or off, and/or what the next term is. A next-term field
 * left out keeps today's value (only {@code quantity}: the same product, term and billing with that many seats).
 */
@StartsProcess(RenewalChangeService.PROCESS_KEY)
public record ChangeAtRenewal(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId,
    AutoRenew autoRenew,
    @Pattern(regexp = Patterns.CATALOG_ITEM, message = Patterns.CATALOG_ITEM_HINT) String catalogItemId,
    @Min(1) @Max(Patterns.MAX_SEATS) Integer quantity,
    @Pattern(regexp = Patterns.TERM, message = Patterns.TERM_HINT) String termDuration,
    @Pattern(regexp = Patterns.BILLING_CYCLE, message = Patterns.BILLING_CYCLE_HINT) String billingCycle) {

  /** A field the Tasklist form leaves empty is one left out: today's value stays. */
  public ChangeAtRenewal {
    subscriptionId = Guids.lowerCase(subscriptionId);
    catalogItemId = blankAsAbsent(catalogItemId);
    termDuration = blankAsAbsent(termDuration);
    billingCycle = blankAsAbsent(billingCycle);
  }

  private static String blankAsAbsent(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Whether the subscription renews at its commitment end date (OFF: it expires then). */
  public enum AutoRenew { ON, OFF }

  public boolean changesNextTerm() {
    return catalogItemId != null || quantity != null || termDuration != null || billingCycle != null;
  }
}
