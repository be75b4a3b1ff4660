package com.cspflow.platform.api;

/**
 * 404: there is no such thing, or not for this caller. The two answers are the same on purpose: a partner's client
 * cannot tell another partner's ids from ids that do not exist.
 */
public class NotFound extends RuntimeException {

  public NotFound(String what) {
    super(what);
  }
}
