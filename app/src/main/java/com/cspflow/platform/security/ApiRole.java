package com.cspflow.platform.security;

/**
 * What a caller of the project API is to the marketplace. Integrations (API clients) are a partner's system or the
 * marketplace's own portal; people sign in with their cspflow account and get the role of their group.
 */
public enum ApiRole {
  /** A partner's system: acts for its own partner only. */
  PARTNER,
  /** The marketplace's portal: acts for any partner, naming the partner in each call. */
  MARKETPLACE,
  /** Back-office staff (group backoffice): act for any partner, refresh the catalog, run the monthly update. */
  BACKOFFICE,
  /** Process owners and operators (group process-owners): read everything, change nothing; metrics. */
  OPERATOR,
  /** Administrators (group camunda-admin): everything, including registering API clients. */
  ADMIN;

  /** The Spring Security authority, e.g. ROLE_PARTNER. */
  public String authority() {
    return "ROLE_" + name();
  }
}
