package com.cspflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Partner Center's activity log: one audit record per operation the partner made through Partner Center (its API, as
 * cspflow calls it, or its portal, as the sandbox's administrator stands for), with the customer, the resource and
 * its new value. Microsoft's own doings, a renewal at the commitment end date, are not operations and leave none.
 */
@Component
class SandboxActivityLog {

  /** Who made an operation: an application through the API, or a partner user in Microsoft's portal. */
  enum Actor { API, PORTAL }

  record AuditRecord(long id, String customerId, String customerName, String resourceType, String operationType,
      String resourceNewValue, String applicationId, String userPrincipalName, long operationAt) {}

  static final String PORTAL_USER = "admin@sandboxpartner.onmicrosoft.com";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final String clientId;

  SandboxActivityLog(JdbcTemplate jdbc, ObjectMapper json, SandboxProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.clientId = properties.clientId();
  }

  /** Records an operation, now. */
  void record(Actor actor, String customerId, String resourceType, String operationType, Object newValue) {
    String customerName = customerId == null ? null : jdbc.queryForList(
        "SELECT company_name FROM sandbox_customer WHERE id = ?", String.class, customerId).stream().findFirst()
        .orElse(null);
    jdbc.update("INSERT INTO sandbox_audit_record (customer_id, customer_name, resource_type, operation_type, "
            + "resource_new_value, application_id, user_principal_name, operation_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        customerId, customerName, resourceType, operationType, write(newValue),
        actor == Actor.API ? clientId : "Partner Center", actor == Actor.PORTAL ? PORTAL_USER : null,
        System.currentTimeMillis());
  }

  /** Records from {@code from} (inclusive) to {@code to} (exclusive), oldest first, after the record {@code afterId}. */
  List<AuditRecord> between(Instant from, Instant to, String customerId, long afterId, int limit) {
    String byCustomer = customerId == null ? "" : " AND customer_id = ?";
    Object[] args = customerId == null
        ? new Object[] {from.toEpochMilli(), to.toEpochMilli(), afterId, limit}
        : new Object[] {from.toEpochMilli(), to.toEpochMilli(), afterId, customerId, limit};
    return jdbc.query("SELECT * FROM sandbox_audit_record WHERE operation_at >= ? AND operation_at < ? AND id > ?"
            + byCustomer + " ORDER BY id FETCH FIRST ? ROWS ONLY",
        (rs, row) -> new AuditRecord(rs.getLong("id"), rs.getString("customer_id"), rs.getString("customer_name"),
            rs.getString("resource_type"), rs.getString("operation_type"), rs.getString("resource_new_value"),
            rs.getString("application_id"), rs.getString("user_principal_name"), rs.getLong("operation_at")),
        args);
  }

  /** An audit record as Partner Center answers with it. */
  static Map<String, Object> json(AuditRecord record, String partnerId) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("partnerId", partnerId);
    item.put("customerId", record.customerId());
    item.put("customerName", record.customerName());
    item.put("userPrincipalName", record.userPrincipalName());
    item.put("applicationId", record.applicationId());
    item.put("resourceType", record.resourceType());
    item.put("resourceNewValue", record.resourceNewValue());
    item.put("operationType", record.operationType());
    item.put("operationStatus", "succeeded");
    item.put("operationDate", Instant.ofEpochMilli(record.operationAt()).toString());
    item.put("customizedData", List.of());
    item.put("attributes", Map.of("objectType", "AuditRecord"));
    return item;
  }

  private String write(Object value) {
    try {
      return value == null ? null : json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
