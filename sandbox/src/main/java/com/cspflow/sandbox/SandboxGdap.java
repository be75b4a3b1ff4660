package com.cspflow.sandbox;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox's GDAP relationships and access assignments, with Graph's rules for them: a relationship holds Entra
 * roles for a duration (P1D to P2Y) and goes created, approvalPending (lockForApproval), active (the customer
 * approves), then terminated or expired; roles are assigned to a partner security group only on an active
 * relationship and only roles the relationship holds. Auto-extension (P180D) is refused for a relationship with
 * Global Administrator, as Microsoft refuses it.
 *
 * <p>A customer the partner creates gets a default relationship, active at once; tenants that became customers
 * otherwise (migrated, accepted the reseller invitation) have none until they approve one. Input Graph would
 * refuse is refused with {@link SandboxError#invalid}, unknown ids with {@link SandboxError#notFound}; the Graph
 * endpoints give those Graph's error shape.
 */
@Component
class SandboxGdap {

  static final String CREATED = "created";
  static final String APPROVAL_PENDING = "approvalPending";
  static final String ACTIVE = "active";
  static final String EXPIRED = "expired";
  static final String TERMINATED = "terminated";
  static final String LOCK_FOR_APPROVAL = "lockForApproval";
  static final String TERMINATE = "terminate";
  static final String NO_AUTO_EXTEND = "PT0S";
  /** Graph's allowed values for autoExtendDuration. */
  static final Set<String> AUTO_EXTEND_DURATIONS = Set.of("P0D", NO_AUTO_EXTEND, "P180D");
  static final String DEFAULT_DURATION = "P730D";
  static final int MAX_DISPLAY_NAME = 50;

  /**
   * @param status as Graph reports it: an active relationship whose end has passed is expired
   * @param roles the Entra role definition ids it holds
   */
  record Relationship(String id, String customerId, String customerDisplayName, String displayName, String status,
      String duration, String autoExtendDuration, long createdAt, long lastModifiedAt, Long activatedAt, Long endAt,
      List<String> roles) {}

  record AccessAssignment(String id, String relationshipId, String accessContainerId, String status, long createdAt,
      long lastModifiedAt, List<String> roles) {}

  /** What a delegatedAdminRelationshipRequest answers; requests are not kept, their effect is. */
  record Request(String id, String action, String status, long createdAt) {}

  record NewRelationship(String customerId, String customerDisplayName, String displayName, String duration,
      String autoExtendDuration, List<String> roles) {}

  private final JdbcTemplate jdbc;
  private final SandboxCustomers customers;
  private final SandboxProperties properties;

  SandboxGdap(JdbcTemplate jdbc, SandboxCustomers customers, SandboxProperties properties) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.properties = properties;
  }

  /** A relationship the partner proposes (Graph POST); status created until it is locked for approval. */
  @Transactional
  Relationship create(NewRelationship request) {
    if (request.displayName() == null || request.displayName().isBlank()
        || request.displayName().length() > MAX_DISPLAY_NAME) {
      throw SandboxError.invalid("displayName is required, at most " + MAX_DISPLAY_NAME + " characters");
    }
    Period duration = duration(request.duration());
    String autoExtend = request.autoExtendDuration() == null ? NO_AUTO_EXTEND : request.autoExtendDuration();
    List<String> roles = roles(request.roles());
    if (!AUTO_EXTEND_DURATIONS.contains(autoExtend)) {
      throw SandboxError.invalid("autoExtendDuration must be one of " + AUTO_EXTEND_DURATIONS);
    }
    if (roles.contains(SandboxGdapRoles.GLOBAL_ADMINISTRATOR) && autoExtends(autoExtend)) {
      throw SandboxError.invalid("A relationship with Global Administrator cannot be extended automatically");
    }
    if (request.customerId() == null || customers.tenant(request.customerId()).isEmpty()) {
      throw SandboxError.invalid("customer.tenantId " + request.customerId() + " is not a tenant");
    }
    return insert(request.customerId(), request.customerDisplayName(), request.displayName(), duration.toString(),
        autoExtend, roles, CREATED);
  }

  /**
   * The default relationship of a customer the partner created: active at once with {@code sandbox.gdap.default-
   * roles}, and, when {@code sandbox.gdap.assign-default-group}, those roles assigned to the agent group.
   */
  @Transactional
  Relationship createDefault(SandboxCustomers.Tenant tenant) {
    List<String> roles = properties.gdap().defaultRoles();
    Relationship relationship = insert(tenant.id(), tenant.companyName(), "Default_" + prefix(tenant.domain()),
        DEFAULT_DURATION, roles.contains(SandboxGdapRoles.GLOBAL_ADMINISTRATOR) ? NO_AUTO_EXTEND : "P180D", roles,
        ACTIVE);
    if (properties.gdap().assignDefaultGroup()) {
      insertAssignment(relationship.id(), properties.gdap().agentGroupId(), roles);
    }
    return relationship(relationship.id()).orElseThrow();
  }

  Optional<Relationship> relationship(String id) {
    return jdbc.query("SELECT * FROM sandbox_gdap_relationship WHERE id = ?", relationshipMapper(), id).stream()
        .findFirst();
  }

  /** The partner's relationships, or one customer's when {@code customerId} is not null; newest first. */
  List<Relationship> relationships(String customerId) {
    return customerId == null
        ? jdbc.query("SELECT * FROM sandbox_gdap_relationship ORDER BY created_at DESC, id", relationshipMapper())
        : jdbc.query("SELECT * FROM sandbox_gdap_relationship WHERE customer_id = ? ORDER BY created_at DESC, id",
            relationshipMapper(), customerId);
  }

  /** A request on a relationship (Graph POST .../requests): lockForApproval a created one, terminate an active one. */
  @Transactional
  Request request(String relationshipId, String action) {
    Relationship relationship = existing(relationshipId);
    long now = System.currentTimeMillis();
    if (LOCK_FOR_APPROVAL.equals(action) && CREATED.equals(relationship.status())) {
      jdbc.update("UPDATE sandbox_gdap_relationship SET status = ?, last_modified_at = ? WHERE id = ?",
          APPROVAL_PENDING, now, relationshipId);
    } else if (TERMINATE.equals(action) && ACTIVE.equals(relationship.status())) {
      end(relationshipId, now);
    } else {
      throw SandboxError.invalid("The action " + action + " is not possible on a relationship that is "
          + relationship.status() + " (lockForApproval needs created, terminate needs active)");
    }
    return new Request(UUID.randomUUID().toString(), action, CREATED, now);
  }

  /** The customer's administrator approves a relationship locked for approval: active from now for its duration. */
  @Transactional
  Relationship approve(String relationshipId) {
    Relationship relationship = existing(relationshipId);
    if (!APPROVAL_PENDING.equals(relationship.status())) {
      throw SandboxError.invalid("Relationship " + relationshipId + " is " + relationship.status()
          + ", not approvalPending");
    }
    activate(relationshipId, Period.parse(relationship.duration()), System.currentTimeMillis());
    return relationship(relationshipId).orElseThrow();
  }

  /** Every relationship of the customer that is not over yet is terminated (the customer or partner ended it). */
  @Transactional
  void terminateAll(String customerId) {
    long now = System.currentTimeMillis();
    jdbc.update("UPDATE sandbox_gdap_relationship SET status = ?, last_modified_at = ?, end_at = ? "
        + "WHERE customer_id = ? AND status IN (?, ?, ?)", TERMINATED, now, now, customerId, CREATED, APPROVAL_PENDING,
        ACTIVE);
  }

  List<AccessAssignment> assignments(String relationshipId) {
    existing(relationshipId);
    return jdbc.query("SELECT * FROM sandbox_gdap_access_assignment WHERE relationship_id = ? ORDER BY created_at, id",
        assignmentMapper(), relationshipId);
  }

  /** Assigns roles of an active relationship to a security group (Graph POST .../accessAssignments). */
  @Transactional
  AccessAssignment assign(String relationshipId, String securityGroupId, List<String> requestedRoles) {
    Relationship relationship = existing(relationshipId);
    if (!ACTIVE.equals(relationship.status())) {
      throw SandboxError.invalid("Access can be assigned only on an active relationship; " + relationshipId + " is "
          + relationship.status());
    }
    if (!SandboxGdapRoles.isGuid(securityGroupId)) {
      throw SandboxError.invalid("accessContainer.accessContainerId must be a security group's id (a GUID)");
    }
    List<String> roles = roles(requestedRoles);
    List<String> outside = roles.stream().filter(role -> !relationship.roles().contains(role)).toList();
    if (!outside.isEmpty()) {
      throw SandboxError.invalid("The relationship does not hold the roles " + SandboxGdapRoles.names(outside));
    }
    return insertAssignment(relationshipId, securityGroupId, roles);
  }

  /**
   * Reshapes the customer's active relationship (sandbox admin): its roles become {@code roles}, its assignments are
   * replaced by one of all its roles to the agent group when {@code groupAssigned}, by none otherwise. A customer
   * without an active relationship gets one, as if it had approved it.
   */
  @Transactional
  Relationship reshape(SandboxCustomers.Tenant tenant, List<String> requestedRoles, boolean groupAssigned) {
    List<String> roles = roles(requestedRoles);
    long now = System.currentTimeMillis();
    String id = relationships(tenant.id()).stream().filter(r -> ACTIVE.equals(r.status())).findFirst()
        .map(Relationship::id)
        .orElseGet(() -> insert(tenant.id(), tenant.companyName(), "Sandbox_" + prefix(tenant.domain()),
            DEFAULT_DURATION, NO_AUTO_EXTEND, roles, ACTIVE).id());
    jdbc.update("DELETE FROM sandbox_gdap_access_assignment_role WHERE assignment_id IN "
        + "(SELECT id FROM sandbox_gdap_access_assignment WHERE relationship_id = ?)", id);
    jdbc.update("DELETE FROM sandbox_gdap_access_assignment WHERE relationship_id = ?", id);
    jdbc.update("DELETE FROM sandbox_gdap_relationship_role WHERE relationship_id = ?", id);
    insertRoles(id, roles);
    jdbc.update("UPDATE sandbox_gdap_relationship SET last_modified_at = ? WHERE id = ?", now, id);
    if (groupAssigned) {
      insertAssignment(id, properties.gdap().agentGroupId(), roles);
    }
    return relationship(id).orElseThrow();
  }

  /** The roles the customer's active relationships hold. */
  Set<String> activeRoles(String customerId) {
    return new LinkedHashSet<>(jdbc.queryForList("SELECT DISTINCT r.role_definition_id "
        + "FROM sandbox_gdap_relationship g JOIN sandbox_gdap_relationship_role r ON r.relationship_id = g.id "
        + "WHERE g.customer_id = ? AND g.status = ? AND g.end_at > ?", String.class, customerId, ACTIVE,
        System.currentTimeMillis()));
  }

  /** The roles active assignments give {@code securityGroupId} through the customer's active relationships. */
  Set<String> rolesAssignedTo(String customerId, String securityGroupId) {
    return new LinkedHashSet<>(jdbc.queryForList("SELECT DISTINCT r.role_definition_id "
        + "FROM sandbox_gdap_relationship g JOIN sandbox_gdap_access_assignment a ON a.relationship_id = g.id "
        + "JOIN sandbox_gdap_access_assignment_role r ON r.assignment_id = a.id "
        + "WHERE g.customer_id = ? AND g.status = ? AND g.end_at > ? AND a.status = ? AND a.access_container_id = ?",
        String.class, customerId, ACTIVE, System.currentTimeMillis(), ACTIVE, securityGroupId));
  }

  private Relationship insert(String customerId, String customerDisplayName, String displayName, String duration,
      String autoExtend, List<String> roles, String status) {
    String id = UUID.randomUUID() + "-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_gdap_relationship (id, customer_id, customer_display_name, display_name, status, "
            + "duration, auto_extend_duration, created_at, last_modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, customerId, customerDisplayName, displayName, status, duration, autoExtend, now, now);
    insertRoles(id, roles);
    if (ACTIVE.equals(status)) {
      activate(id, Period.parse(duration), now);
    }
    return relationship(id).orElseThrow();
  }

  private void insertRoles(String relationshipId, List<String> roles) {
    for (String role : roles) {
      jdbc.update("INSERT INTO sandbox_gdap_relationship_role (relationship_id, role_definition_id) VALUES (?, ?)",
          relationshipId, role);
    }
  }

  private AccessAssignment insertAssignment(String relationshipId, String securityGroupId, List<String> roles) {
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    jdbc.update("INSERT INTO sandbox_gdap_access_assignment (id, relationship_id, access_container_id, status, "
        + "created_at, last_modified_at) VALUES (?, ?, ?, ?, ?, ?)", id, relationshipId, securityGroupId, ACTIVE, now,
        now);
    for (String role : roles) {
      jdbc.update("INSERT INTO sandbox_gdap_access_assignment_role (assignment_id, role_definition_id) VALUES (?, ?)",
          id, role);
    }
    return jdbc.query("SELECT * FROM sandbox_gdap_access_assignment WHERE id = ?", assignmentMapper(), id).get(0);
  }

  private void activate(String relationshipId, Period duration, long now) {
    long end = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).plus(duration).toInstant().toEpochMilli();
    jdbc.update("UPDATE sandbox_gdap_relationship SET status = ?, activated_at = ?, end_at = ?, last_modified_at = ? "
        + "WHERE id = ?", ACTIVE, now, end, now, relationshipId);
  }

  private void end(String relationshipId, long now) {
    jdbc.update("UPDATE sandbox_gdap_relationship SET status = ?, end_at = ?, last_modified_at = ? WHERE id = ?",
        TERMINATED, now, now, relationshipId);
  }

  private Relationship existing(String id) {
    return relationship(id).orElseThrow(() -> SandboxError.notFound("Relationship " + id + " not found"));
  }

  /** ISO 8601, at least a day and at most two years, as Graph accepts it. */
  private static Period duration(String value) {
    Period duration;
    try {
      duration = Period.parse(value == null ? "" : value);
    } catch (DateTimeParseException notIso) {
      throw SandboxError.invalid("duration must be an ISO 8601 duration such as P730D");
    }
    Instant start = Instant.now();
    Instant end = start.atZone(ZoneOffset.UTC).plus(duration).toInstant();
    if (end.isBefore(start.atZone(ZoneOffset.UTC).plusDays(1).toInstant())
        || end.isAfter(start.atZone(ZoneOffset.UTC).plusYears(2).toInstant())) {
      throw SandboxError.invalid("duration must be between P1D and P2Y");
    }
    return duration;
  }

  private static List<String> roles(List<String> roles) {
    if (roles == null || roles.isEmpty() || !roles.stream().allMatch(SandboxGdapRoles::isGuid)) {
      throw SandboxError.invalid("accessDetails.unifiedRoles must name at least one role by its roleDefinitionId");
    }
    return List.copyOf(new LinkedHashSet<>(roles.stream().map(String::toLowerCase).toList()));
  }

  private static boolean autoExtends(String autoExtendDuration) {
    return !NO_AUTO_EXTEND.equals(autoExtendDuration) && !"P0D".equals(autoExtendDuration);
  }

  private static String prefix(String domain) {
    return domain.substring(0, domain.indexOf('.') < 0 ? domain.length() : domain.indexOf('.'));
  }

  private RowMapper<Relationship> relationshipMapper() {
    long now = System.currentTimeMillis();
    return (rs, row) -> {
      String id = rs.getString("id");
      Long endAt = rs.getObject("end_at", Long.class);
      String status = ACTIVE.equals(rs.getString("status")) && endAt != null && endAt <= now
          ? EXPIRED : rs.getString("status");
      return new Relationship(id, rs.getString("customer_id"), rs.getString("customer_display_name"),
          rs.getString("display_name"), status, rs.getString("duration"), rs.getString("auto_extend_duration"),
          rs.getLong("created_at"), rs.getLong("last_modified_at"), rs.getObject("activated_at", Long.class), endAt,
          jdbc.queryForList("SELECT role_definition_id FROM sandbox_gdap_relationship_role "
              + "WHERE relationship_id = ? ORDER BY role_definition_id", String.class, id));
    };
  }

  private RowMapper<AccessAssignment> assignmentMapper() {
    return (rs, row) -> {
      String id = rs.getString("id");
      return new AccessAssignment(id, rs.getString("relationship_id"), rs.getString("access_container_id"),
          rs.getString("status"), rs.getLong("created_at"), rs.getLong("last_modified_at"),
          jdbc.queryForList("SELECT role_definition_id FROM sandbox_gdap_access_assignment_role "
              + "WHERE assignment_id = ? ORDER BY role_definition_id", String.class, id));
    };
  }
}
