package com.cspflow.csp;

import java.util.List;

/** An order at the CSP; {@code subscriptionIds} are known once it is fulfilled. */
public record CspOrder(String orderId, Status status, List<String> subscriptionIds) {

  public enum Status {
    PENDING, COMPLETED, CANCELLED, UNKNOWN;

    /** Tolerant of values Microsoft adds later: they read as UNKNOWN. */
    public static Status parse(String value) {
      return TolerantEnums.parse(Status.class, value, UNKNOWN);
    }
  }
}
