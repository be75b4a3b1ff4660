package com.cspflow.csp;

/**
 * Partner Center refused the request ({@code {code, description}} in a 4xx answer). Processes turn it into
 * a BPMN error whose code is {@link #bpmnErrorCode()} so that a boundary event can take the human path.
 */
public class CspBusinessException extends RuntimeException {

  public static final int QUANTITY_OUT_OF_RANGE = 2002;
  /** 412: the resource changed since it was read (its etag is stale). */
  public static final int STALE_ETAG = 2012;
  public static final int CUSTOMER_AGREEMENT_NOT_CONFIRMED = 13605;
  public static final int QUANTITY_DECREASE_NOT_ALLOWED = 800090;
  public static final int SEAT_MAXIMUM_EXCEEDED = 800067;
  public static final int TOO_MANY_SUBSCRIPTIONS = 800066;
  public static final int ACCOUNT_UNDER_REVIEW = 800073;
  public static final int ACTION_NOT_ALLOWED = 600006;
  /** Creating a customer on a domain that exists: HTTP 409 with this code (the sandbox's choice, see its docs). */
  public static final int DOMAIN_ALREADY_EXISTS = 600026;

  private final int httpStatus;
  private final int code;
  private final String description;

  public CspBusinessException(int httpStatus, int code, String description) {
    super("CSP error " + code + ": " + description);
    this.httpStatus = httpStatus;
    this.code = code;
    this.description = description;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** The BPMN error code a boundary event catches: "CSP_" and Partner Center's numeric code. */
  public String bpmnErrorCode() {
    return "CSP_" + code;
  }
}
