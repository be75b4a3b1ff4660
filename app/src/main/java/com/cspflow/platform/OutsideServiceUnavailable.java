package com.cspflow.platform;

/**
 * A system cspflow depends on (Microsoft) could not answer a request now: 503, nothing done, try again later. The
 * message is the answer's detail, written for the caller; the cause (addresses, tenant ids, the HTTP client's own
 * error text) goes to the log only.
 */
public class OutsideServiceUnavailable extends RuntimeException {

  public OutsideServiceUnavailable(String detail, Throwable cause) {
    super(detail, cause);
  }
}
