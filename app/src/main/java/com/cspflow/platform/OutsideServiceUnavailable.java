package com.cspflow.platform;

/** A system cspflow depends on (Microsoft) could not answer a request now: 503, nothing done, try again later. */
public class OutsideServiceUnavailable extends RuntimeException {

  public OutsideServiceUnavailable(String message) {
    super(message);
  }
}
