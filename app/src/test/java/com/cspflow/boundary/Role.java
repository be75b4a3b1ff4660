package com.cspflow.boundary;

import com.cspflow.platform.security.ApiRole;

/**
 * Everyone who calls the project API, as the boundary suite plays them: no credentials, wrong ones (a wrong password,
 * a user name with a NUL byte, which PostgreSQL cannot even compare), a forged token,
 * partner A's and partner B's systems (API clients, bearer tokens), the marketplace's portal, and people with HTTP
 * Basic. Partner B is always pointed at partner A's data.
 */
enum Role {
  ANONYMOUS(null),
  WRONG_PASSWORD(null),
  NUL_IN_USER_NAME(null),
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

  /** Sends credentials that are wrong: refused (401) even where no sign-in is needed. */
  boolean badCredentials() {
    return this == WRONG_PASSWORD || this == NUL_IN_USER_NAME;
  }

  /** A partner's system: acts for its own partner only. */
  boolean partnerScoped() {
    return apiRole == ApiRole.PARTNER;
  }
}
