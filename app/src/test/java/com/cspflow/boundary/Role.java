package com.cspflow.boundary;

import com.cspflow.platform.security.ApiRole;

/**
 * Everyone who calls the project API, as the boundary suite plays them: no credentials, wrong ones, a forged token,
 * partner A's and partner B's systems (API clients, bearer tokens), the marketplace's portal, and people with HTTP
 * Basic. Partner B is always pointed at partner A's data.
 */
enum Role {
  ANONYMOUS(null),
  WRONG_PASSWORD(null),
  FORGED_TOKEN(null),
  PARTNER_A(ApiRole.PARTNER),
  PARTNER_B(ApiRole.PARTNER),
  PORTAL(ApiRole.MARKETPLACE),
  BACKOFFICE(ApiRole.BACKOFFICE),
  OPERATOR(ApiRole.OPERATOR),
  ADMIN(ApiRole.ADMIN);

  private final ApiRole apiRole;

  Role(ApiRole apiRole) {
    this.apiRole = apiRole;
  }

  /** The role the application gives this caller once signed in; null for those who are not signed in. */
  ApiRole apiRole() {
    return apiRole;
  }

  boolean signedIn() {
    return apiRole != null;
  }

  /** A partner's system: acts for its own partner only. */
  boolean partnerScoped() {
    return apiRole == ApiRole.PARTNER;
  }
}
