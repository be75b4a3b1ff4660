package com.cspflow.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a refused call must not change: the row counts of the project's tables and of the engine's runtime and
 * history (instances, executions, tasks, variables, jobs, incidents, the operation log, users and authorizations),
 * and the content of the rows of the partners under attack. Read before and after a batch of calls that must all be
 * refused.
 */
final class StoredState {

  static final List<String> COUNTED = List.of(
      "partner", "organization", "m365_service", "subscription", "admin_credentials_issue", "subscription_order",
      "quantity_change", "subscription_cancellation", "renewal_change", "billing_run", "billing_run_customer", "billing_line", "quantity_drift", "idempotency_key",
      "api_client", "catalog_offer", "partner_margin", "partner_margin_change", "charge_line", "billing_export",
      "billing_export_file", "microsoft_charge", "reconciliation", "reconciliation_item",
      "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_RU_INCIDENT", "ACT_RU_EVENT_SUBSCR",
      "ACT_RU_IDENTITYLINK", "ACT_RU_AUTHORIZATION", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_INCIDENT", "ACT_HI_OP_LOG", "ACT_HI_COMMENT", "ACT_HI_ATTACHMENT",
      "ACT_GE_BYTEARRAY", "ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_MEMBERSHIP");

  private record Watched(String label, String sql, Object[] args) {}

  private final JdbcTemplate jdbc;
  private final List<Watched> watched = new ArrayList<>();

  StoredState(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Rows whose content must not change either (a partner's records); compared by a digest of every column. */
  StoredState watch(String label, String sql, Object... args) {
    watched.add(new Watched(label, sql, args));
    return this;
  }

  Map<String, String> snapshot() {
    Map<String, String> state = new LinkedHashMap<>();
    for (String table : COUNTED) {
      state.put(table, String.valueOf(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
    }
    for (Watched rows : watched) {
      state.put(rows.label(), digest(jdbc.queryForList(rows.sql(), rows.args()).toString()));
    }
    return state;
  }

  /** What changed between two snapshots, e.g. "ACT_HI_PROCINST 120 -> 121"; empty when nothing did. */
  static String changes(Map<String, String> before, Map<String, String> after) {
    List<String> changes = new ArrayList<>();
    for (String key : new TreeSet<>(after.keySet())) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        changes.add(key + " " + before.get(key) + " -> " + after.get(key));
      }
    }
    return String.join(", ", changes);
  }

  private static String digest(String rows) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rows.getBytes(
          StandardCharsets.UTF_8))).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
