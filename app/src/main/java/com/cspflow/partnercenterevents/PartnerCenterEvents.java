package com.cspflow.partnercenterevents;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The events received, one row each (table {@code partner_center_event}). The incremental monthly update reads them
 * ({@code ChangedCustomers}): a customer named by an event received since the last complete run is read again.
 */
@Repository
class PartnerCenterEvents {

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
}
