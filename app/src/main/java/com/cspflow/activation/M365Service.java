package com.cspflow.activation;

import java.time.Instant;

/** Microsoft 365 for one customer organization. */
public record M365Service(
    String organizationId,
    Mode mode,
    Status status,
    String domain,
    String tenantId,
    String adminUserName,
    String agreementConfirmedBy,
    Instant agreementConfirmedAt,
    String statusReason,
    Instant requestedAt,
    Instant activatedAt) {

  public enum Mode { NEW_TENANT, MIGRATE }

  public enum Status { REQUESTED, ACTIVE, CANCELLED }

  public static final String DOMAIN_SUFFIX = ".onmicrosoft.com";

  public String domainPrefix() {
    return domain.substring(0, domain.length() - DOMAIN_SUFFIX.length());
  }
}
