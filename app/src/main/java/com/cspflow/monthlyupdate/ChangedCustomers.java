package com.cspflow.monthlyupdate;

import com.cspflow.csp.ActivityRecord;
import com.cspflow.csp.CspPort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customers whose subscriptions may differ at Microsoft from our records since a moment, so that an incremental
 * monthly update reads only them:
 * <ul>
 *   <li>the ones Partner Center's activity log names: whatever the partner changed through Partner Center, its API
 *       (cspflow included) or its portal;
 *   <li>the ones with a renewal date passed that our records have not followed yet (Microsoft renews or ends a
 *       subscription at its commitment end date on its own, and writes no audit record for it);
 *   <li>the ones cspflow changed itself: orders, seat changes, cancellations and changes at renewal since then;
 *   <li>the ones Partner Center's webhook events name (received since then): Microsoft's own changes, a suspension
 *       for instance, leave no audit record but do send {@code subscription-updated}.
 * </ul>
 * What none of these shows (without a webhook, Microsoft's own changes; with one, an event Microsoft sends late, up to
 * 48 hours after the change) the next full sweep finds.
 */
@Component
class ChangedCustomers {

  private static final int TENANTS_PER_QUERY = 500;

  private final CspPort csp;
  private final JdbcClient jdbc;

  ChangedCustomers(CspPort csp, JdbcClient jdbc) {
    this.csp = csp;
    this.jdbc = jdbc;
  }

  /** The organizations changed since {@code since}, by any of these signs, as of {@code now}. */
  Set<String> since(Instant since, Instant now) {
    Set<String> changed = new HashSet<>(ours(since, now));
    changed.addAll(namedByTheActivityLog(since));
    return changed;
  }

  /** The organizations whose tenants the activity log names since {@code since}. */
  Set<String> namedByTheActivityLog(Instant since) {
    List<String> tenants = csp.activitySince(since).stream().map(ActivityRecord::tenantId).filter(Objects::nonNull)
        .distinct().toList();
    Set<String> organizations = new HashSet<>();
    for (int from = 0; from < tenants.size(); from += TENANTS_PER_QUERY) {
      List<String> some = new ArrayList<>(tenants.subList(from, Math.min(from + TENANTS_PER_QUERY, tenants.size())));
      organizations.addAll(jdbc.sql("SELECT organization_id FROM m365_service WHERE tenant_id IN (:tenants)")
          .param("tenants", some).query(String.class).list());
    }
    return organizations;
  }

  /** Renewal dates passed and not followed, cspflow's own changes and the webhook's events since {@code since}. */
  Set<String> ours(Instant since, Instant now) {
    return new HashSet<>(jdbc.sql("""
        SELECT organization_id FROM subscription
          WHERE commitment_end_date <= :now AND status IN ('ACTIVE', 'SUSPENDED')
        UNION SELECT organization_id FROM subscription_order WHERE updated_at >= :since
        UNION SELECT organization_id FROM quantity_change WHERE updated_at >= :since
        UNION SELECT organization_id FROM subscription_cancellation WHERE updated_at >= :since
        UNION SELECT organization_id FROM renewal_change WHERE updated_at >= :since
        UNION SELECT m.organization_id FROM partner_center_event e JOIN m365_service m ON m.tenant_id = e.tenant_id
          WHERE e.received_at >= :since""")
        .param("since", Timestamp.from(since)).param("now", Timestamp.from(now)).query(String.class).list());
  }
}
