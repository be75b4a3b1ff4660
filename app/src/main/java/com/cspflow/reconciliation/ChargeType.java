package com.cspflow.reconciliation;

import java.util.Arrays;
import java.util.Optional;

/** Why a charge line exists: Microsoft's charge type, and the same in a partner's words. */
public enum ChargeType {
  NEW("new", "Purchase: the first billing cycle"),
  CYCLE("cycleCharge", "Next billing cycle"),
  ADD("addQuantity", "Seats added: to the end of the billing cycle"),
  REMOVE("removeQuantity", "Seats removed within 7 days: refund of the days left"),
  CANCEL("cancelImmediate", "Cancelled within 7 days: refund of the days left"),
  RENEW("renew", "Renewal: the new term's first billing cycle");

  private final String microsoftName;
  private final String inWords;

  ChargeType(String microsoftName, String inWords) {
    this.microsoftName = microsoftName;
    this.inWords = inWords;
  }

  public String microsoftName() {
    return microsoftName;
  }

  public String inWords() {
    return inWords;
  }

  static Optional<ChargeType> ofMicrosoft(String name) {
    return Arrays.stream(values()).filter(t -> t.microsoftName.equalsIgnoreCase(name)).findFirst();
  }
}
