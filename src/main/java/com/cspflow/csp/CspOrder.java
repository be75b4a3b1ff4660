package com.cspflow.csp;

import java.util.List;

/** An order at the CSP; {@code subscriptionIds} are known once it is fulfilled. */
public record CspOrder(String orderId, Status status, List<String> subscriptionIds) {

  public enum Status {
    PENDING, COMPLETED, CANCELLED, UNKNOWN;

    /** Partner Center adds enum values over time: anything we do not know is UNKNOWN, never an error. */
    public static Status parse(String value) {
      if (value == null) {
        return UNKNOWN;
      }
      try {
        return valueOf(value.trim().toUpperCase());
      } catch (IllegalArgumentException unknown) {
        return UNKNOWN;
      }
    }
  }
}
