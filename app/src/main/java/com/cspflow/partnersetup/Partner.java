package com.cspflow.partnersetup;

import java.time.Instant;

public record Partner(
    String id,
    String mpnId,
    String contactName,
    String contactEmail,
    Status status,
    String microsoftName,
    String rejectedReason,
    Instant requestedAt,
    Instant activatedAt) {

  public enum Status { PENDING, ACTIVE, REJECTED }

  public boolean active() {
    return status == Status.ACTIVE;
  }
}
