package com.cspflow.csp;

/** The CSP could not be reached or did not answer in time: retry the job, then raise an incident. */
public class CspTechnicalException extends RuntimeException {

  public CspTechnicalException(String message, Throwable cause) {
    super(message, cause);
  }

  public CspTechnicalException(String message) {
    super(message);
  }
}
