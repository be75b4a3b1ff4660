package com.cspflow.partnercenterevents;

/** A request to the events address that Partner Center did not provably send; the message says why (no secret). */
class UnverifiedEvent extends Exception {

  private final boolean busy;

  UnverifiedEvent(String reason) {
    this(reason, false);
  }

  private UnverifiedEvent(String reason, boolean busy) {
    super(reason);
    this.busy = busy;
  }

  /** Not checked now (another certificate is being downloaded): Partner Center should deliver it again later. */
  static UnverifiedEvent busyDownloading() {
    return new UnverifiedEvent("the signing certificate is not known yet and another one is being downloaded; "
        + "deliver again later", true);
  }

  boolean busy() {
    return busy;
  }
}
