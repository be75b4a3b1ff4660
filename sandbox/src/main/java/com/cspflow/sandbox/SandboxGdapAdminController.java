package com.cspflow.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GDAP as the customer's administrator and the partner's own portal shape it (sandbox admin, behind the admin's
 * Basic authentication); relationships are shown in Graph's shape:
 *
 * <ul>
 *   <li>{@code POST gdap/relationships/{id}/approve}: the customer's administrator approves a relationship locked
 *       for approval (at admin.microsoft.com); it becomes active from now for its duration
 *   <li>{@code PUT customers/{tenantId}/gdap} {@code {roles: [roleDefinitionId...], groupAssigned}}: the customer's
 *       active relationship gets these roles (one is made if it has none), and all of them are assigned to the
 *       agent group when {@code groupAssigned}, none otherwise; other assignments of it are dropped
 *   <li>{@code DELETE customers/{tenantId}/gdap}: every relationship of the customer not over yet is terminated
 *   <li>{@code GET customers/{tenantId}/gdap}: {@code {tenantId, agentGroupId, relationships: [relationship with
 *       accessAssignments]}}
 * </ul>
 */
@RestController
@RequestMapping("/sandbox-admin")
class SandboxGdapAdminController {

  record Reshape(List<String> roles, boolean groupAssigned) {}

  private final SandboxGdap gdap;
  private final SandboxCustomers customers;
  private final SandboxProperties properties;

  SandboxGdapAdminController(SandboxGdap gdap, SandboxCustomers customers, SandboxProperties properties) {
    this.gdap = gdap;
    this.customers = customers;
    this.properties = properties;
  }

  @PostMapping("/gdap/relationships/{id}/approve")
  Map<String, Object> approve(@PathVariable String id) {
    return SandboxGraphJson.relationship(gdap.approve(id));
  }

  @PutMapping("/customers/{tenantId}/gdap")
  Map<String, Object> reshape(@PathVariable String tenantId, @RequestBody Reshape request) {
    return withAssignments(gdap.reshape(tenant(tenantId), request.roles(), request.groupAssigned()));
  }

  @DeleteMapping("/customers/{tenantId}/gdap")
  ResponseEntity<Void> terminate(@PathVariable String tenantId) {
    gdap.terminateAll(tenant(tenantId).id());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/customers/{tenantId}/gdap")
  Map<String, Object> inspect(@PathVariable String tenantId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tenantId", tenant(tenantId).id());
    view.put("agentGroupId", properties.gdap().agentGroupId());
    view.put("relationships", gdap.relationships(tenantId).stream().map(this::withAssignments).toList());
    return view;
  }

  private Map<String, Object> withAssignments(SandboxGdap.Relationship relationship) {
    Map<String, Object> view = SandboxGraphJson.relationship(relationship);
    view.put("accessAssignments", gdap.assignments(relationship.id()).stream()
        .map(SandboxGraphJson::accessAssignment).toList());
    return view;
  }

  private SandboxCustomers.Tenant tenant(String tenantId) {
    return customers.tenant(tenantId).orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
  }
}
