package com.cspflow.sandbox;


/**
 * A refusal in Partner Center's shape. The codes Microsoft documents are used where they exist (2002,
 * 13605, 800073, 800090, 600006); for the rest the sandbox picks its own and documents them here:
 * 400/2000 invalid request, 404/2004 not found (also a customer without a relationship to the partner),
 * 404/600041 unknown MPN id, 409/600026 domain already exists, 412/2012 stale etag, 401/401 no valid token,
 * 403/2003 a GDAP role missing for the call. 403/600006 is an app-only token on an app+user operation.
 */
final class SandboxError extends RuntimeException {

  static final int INVALID_REQUEST = 2000;
  static final int NOT_FOUND = 2004;
  static final int STALE_ETAG = 2012;
  static final int GDAP_ROLE_MISSING = 2003;
  static final int UNKNOWN_MPN_ID = 600041;
  /** Microsoft's documented codes. */
  static final int QUANTITY_OUT_OF_RANGE = 2002;
  static final int CUSTOMER_AGREEMENT_NOT_CONFIRMED = 13605;
  static final int QUANTITY_DECREASE_NOT_ALLOWED = 800090;
  static final int ACCOUNT_UNDER_REVIEW = 800073;
  static final int ACTION_NOT_ALLOWED = 600006;
  /** Creating a customer on a domain that exists (the sandbox's choice of code). */
  static final int DOMAIN_ALREADY_EXISTS = 600026;

  private final int httpStatus;
  private final int code;

  SandboxError(int httpStatus, int code, String description) {
    super(description, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  static SandboxError invalid(String description) {
    return new SandboxError(400, INVALID_REQUEST, description);
  }

  static SandboxError notFound(String description) {
    return new SandboxError(404, NOT_FOUND, description);
  }

  static SandboxError quantityOutOfRange(String description) {
    return new SandboxError(400, QUANTITY_OUT_OF_RANGE, description);
  }

  int httpStatus() {
    return httpStatus;
  }

  int code() {
    return code;
  }

  String description() {
    return getMessage();
  }
}
