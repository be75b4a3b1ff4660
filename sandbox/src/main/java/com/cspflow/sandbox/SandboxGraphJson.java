package com.cspflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Graph's shapes for GDAP, as its v1.0 pages show them: entities with {@code @odata.type} and
 * {@code @odata.etag}, single answers with {@code @odata.context}, collections as {@code {@odata.context, value}},
 * date-times in UTC or null, and errors as {@code {"error": {"code", "message", "innerError"}}}.
 */
final class SandboxGraphJson {

  static final String RELATIONSHIPS = "/tenantRelationships/$metadata#delegatedAdminRelationships";
  static final String ACCESS_ASSIGNMENTS = "/tenantRelationships/$metadata#accessAssignments";
  static final String REQUESTS = "/tenantRelationships/$metadata#requests";

  private SandboxGraphJson() {}

  /** Input: the parts of a delegatedAdminRelationship a partner sends. */
  record RelationshipIn(String displayName, String duration, CustomerIn customer, AccessDetailsIn accessDetails,
      String autoExtendDuration) {}

  record CustomerIn(String tenantId, String displayName) {}

  record AccessDetailsIn(List<RoleIn> unifiedRoles) {

    List<String> roleIds() {
      return unifiedRoles == null ? null : unifiedRoles.stream().map(RoleIn::roleDefinitionId).toList();
    }
  }

  record RoleIn(String roleDefinitionId) {}

  record RequestIn(String action) {}

  record AccessAssignmentIn(AccessContainerIn accessContainer, AccessDetailsIn accessDetails) {}

  record AccessContainerIn(String accessContainerId, String accessContainerType) {}

  static Map<String, Object> relationship(SandboxGdap.Relationship relationship) {
    Map<String, Object> body = entity("#microsoft.graph.delegatedAdminRelationship", relationship.id(),
        relationship.lastModifiedAt());
    body.put("displayName", relationship.displayName());
    body.put("duration", relationship.duration());
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("tenantId", relationship.customerId());
    customer.put("displayName", relationship.customerDisplayName());
    body.put("customer", customer);
    body.put("accessDetails", accessDetails(relationship.roles()));
    body.put("status", relationship.status());
    body.put("autoExtendDuration", relationship.autoExtendDuration());
    body.put("createdDateTime", date(relationship.createdAt()));
    body.put("lastModifiedDateTime", date(relationship.lastModifiedAt()));
    body.put("activatedDateTime", date(relationship.activatedAt()));
    body.put("endDateTime", date(relationship.endAt()));
    return body;
  }

  static Map<String, Object> accessAssignment(SandboxGdap.AccessAssignment assignment) {
    Map<String, Object> body = entity("#microsoft.graph.delegatedAdminAccessAssignment", assignment.id(),
        assignment.lastModifiedAt());
    body.put("status", assignment.status());
    body.put("createdDateTime", date(assignment.createdAt()));
    body.put("lastModifiedDateTime", date(assignment.lastModifiedAt()));
    body.put("accessContainer", Map.of("accessContainerId", assignment.accessContainerId(),
        "accessContainerType", "securityGroup"));
    body.put("accessDetails", accessDetails(assignment.roles()));
    return body;
  }

  static Map<String, Object> request(SandboxGdap.Request request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.type", "#microsoft.graph.delegatedAdminRelationshipRequest");
    body.put("id", request.id());
    body.put("action", request.action());
    body.put("status", request.status());
    body.put("createdDateTime", date(request.createdAt()));
    body.put("lastModifiedDateTime", date(request.createdAt()));
    return body;
  }

  /** One entity as a single answer: its type, then where its metadata is, then the rest. */
  static Map<String, Object> single(String serviceRoot, String context, Map<String, Object> entity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.type", entity.get("@odata.type"));
    body.put("@odata.context", serviceRoot + context);
    body.putAll(entity);
    return body;
  }

  static Map<String, Object> collection(String serviceRoot, String context, List<Map<String, Object>> values) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", serviceRoot + context);
    body.put("value", values);
    return body;
  }

  static Map<String, Object> error(String code, String message, String requestId) {
    Map<String, Object> innerError = new LinkedHashMap<>();
    innerError.put("date", Instant.now().toString());
    innerError.put("request-id", requestId);
    innerError.put("client-request-id", requestId);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("innerError", innerError);
    return Map.of("error", error);
  }

  private static Map<String, Object> entity(String type, String id, long lastModifiedAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.type", type);
    body.put("@odata.etag", "W/\"" + Base64.getEncoder().encodeToString((id + ":" + lastModifiedAt)
        .getBytes(StandardCharsets.UTF_8)) + "\"");
    body.put("id", id);
    return body;
  }

  private static Map<String, Object> accessDetails(List<String> roles) {
    return Map.of("unifiedRoles", roles.stream().map(role -> Map.of("roleDefinitionId", role)).toList());
  }

  private static String date(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
