package com.cspflow.partnercenterevents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The events received, one row each (table {@code partner_center_event}). The incremental monthly update reads them
 * ({@code ChangedCustomers}): a customer named by an event received since the last complete run is read again. They
 * are kept {@link #KEPT_FOR}, as long as Partner Center keeps its activity log, the other source of such a run.
 */
@Repository
class PartnerCenterEvents {

  static final Duration KEPT_FOR = Duration.ofDays(90);
  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterEvents.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  PartnerCenterEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores the event; false when it was stored before (Microsoft delivers again when our answer was late). */
  boolean record(PartnerCenterEvent event) {
    try {
      jdbc.sql("INSERT INTO partner_center_event (event_name, resource_uri, tenant_id, changed_at, received_at) "
              + "VALUES (:name, :uri, :tenant, :changed, :received)")
          .param("name", event.eventName()).param("uri", event.resourceUri()).param("tenant", event.tenantId())
          .param("changed", event.changedAt() == null ? null : Timestamp.from(event.changedAt()))
          .param("received", Timestamp.from(clock.instant())).update();
      return true;
    } catch (DuplicateKeyException again) {
      return false;
    }
  }

  /** Deletes the events received longer than {@link #KEPT_FOR} ago (every node, hourly: deleting twice is harmless). */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  int forgetOld() {
    int forgotten = jdbc.sql("DELETE FROM partner_center_event WHERE received_at < :before")
        .param("before", Timestamp.from(clock.instant().minus(KEPT_FOR))).update();
    if (forgotten > 0) {
      LOG.info("Forgot {} Partner Center events received more than {} days ago", forgotten, KEPT_FOR.toDays());
    }
    return forgotten;
  }
}
