package com.cspflow.partnercenterevents;

/** A request to the events address that Partner Center did not provably send; the message says why (no secret). */
class UnverifiedEvent extends Exception {

  UnverifiedEvent(String reason) {
    super(reason);
  }
}
