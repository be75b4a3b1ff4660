package com.cspflow.cancellation;

import com.cspflow.platform.input.Guids;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.input.StartsProcess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** "Cancel this subscription" of a customer of the partner: within Microsoft's window, or refused with the date. */
@StartsProcess(SubscriptionCancellationService.PROCESS_KEY)
public record CancelSubscription(
    @NotBlank @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String subscriptionId) {

  public CancelSubscription {
    subscriptionId = Guids.lowerCase(subscriptionId);
  }
}
