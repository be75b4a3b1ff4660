package com.cspflow.csp;

import java.time.Instant;

/**
 * Partner Center refused to remove seats or to cancel because the 7-day window of the purchase, renewal or increase
 * has closed (code 800090): the change can only happen at the renewal. Carries the dates a partner needs to decide:
 * until when the subscription could be cancelled, and when it renews (or ends, with auto-renew off).
 */
public class CspRenewalOnlyException extends CspBusinessException {

  private final Instant cancellationAllowedUntil;
  private final Instant renewalDate;

  public CspRenewalOnlyException(int httpStatus, int code, String description, Instant cancellationAllowedUntil,
      Instant renewalDate) {
    super(httpStatus, code, description);
    this.cancellationAllowedUntil = cancellationAllowedUntil;
    this.renewalDate = renewalDate;
  }

  /** The end of the window of the purchase or last renewal; null when Microsoft did not say. */
  public Instant cancellationAllowedUntil() {
    return cancellationAllowedUntil;
  }

  /** The commitment end date: the change can be scheduled for then, or the subscription left to end then. */
  public Instant renewalDate() {
    return renewalDate;
  }
}
