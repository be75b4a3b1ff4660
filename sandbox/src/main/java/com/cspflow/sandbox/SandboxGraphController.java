package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxGraphJson.AccessAssignmentIn;
import com.cspflow.sandbox.SandboxGraphJson.RelationshipIn;
import com.cspflow.sandbox.SandboxGraphJson.RequestIn;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Microsoft Graph's GDAP endpoints under {@code /graph/v1.0} (the sandbox's stand-in for
 * {@code https://graph.microsoft.com/v1.0}), for a Graph token, app-only or app+user
 * ({@link SandboxGraphInterceptor}):
 *
 * <ul>
 *   <li>{@code GET tenantRelationships/delegatedAdminRelationships[?$filter=customer/tenantId eq '{id}']}
 *   <li>{@code GET .../delegatedAdminRelationships/{id}}
 *   <li>{@code POST .../delegatedAdminRelationships} {@code {displayName, duration, customer{tenantId,
 *       displayName}, accessDetails{unifiedRoles[{roleDefinitionId}]}, autoExtendDuration}}: 201, status created
 *   <li>{@code POST .../{id}/requests} {@code {action: lockForApproval|terminate}}: 201; lockForApproval makes the
 *       relationship approvalPending until the customer approves (sandbox admin), terminate ends an active one
 *   <li>{@code GET .../{id}/accessAssignments}
 *   <li>{@code POST .../{id}/accessAssignments} {@code {accessContainer{accessContainerId, accessContainerType:
 *       securityGroup}, accessDetails}}: 201, active at once; only on an active relationship
 * </ul>
 *
 * Refusals have Graph's error body: 400 {@code invalidRequest}, 404 {@code itemNotFound}.
 */
@RestController
@RequestMapping("/graph/v1.0/tenantRelationships/delegatedAdminRelationships")
class SandboxGraphController {

  private static final Pattern CUSTOMER_FILTER = Pattern.compile(
      "\\s*customer/tenantId\\s+eq\\s+'([0-9a-fA-F-]{36})'\\s*", Pattern.CASE_INSENSITIVE);
  private static final String RELATIONSHIPS = "/tenantRelationships/delegatedAdminRelationships/";

  private final SandboxGdap gdap;

  SandboxGraphController(SandboxGdap gdap) {
    this.gdap = gdap;
  }

  @GetMapping
  Map<String, Object> relationships(@RequestParam(name = "$filter", required = false) String filter) {
    String customerId = null;
    if (filter != null) {
      Matcher byCustomer = CUSTOMER_FILTER.matcher(filter);
      if (!byCustomer.matches()) {
        throw SandboxError.invalid("Invalid filter clause: only customer/tenantId eq '{tenantId}' is supported");
      }
      customerId = byCustomer.group(1).toLowerCase();
    }
    return SandboxGraphJson.collection(serviceRoot(), SandboxGraphJson.RELATIONSHIPS, gdap.relationships(customerId)
        .stream().map(SandboxGraphJson::relationship).toList());
  }

  @GetMapping("/{id}")
  Map<String, Object> relationship(@PathVariable String id) {
    return SandboxGraphJson.single(serviceRoot(), SandboxGraphJson.RELATIONSHIPS, SandboxGraphJson.relationship(
        gdap.relationship(id).orElseThrow(() -> SandboxError.notFound("Relationship " + id + " not found"))));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody RelationshipIn request) {
    SandboxGdap.Relationship relationship = gdap.create(new SandboxGdap.NewRelationship(
        request.customer() == null ? null : request.customer().tenantId(),
        request.customer() == null ? null : request.customer().displayName(), request.displayName(),
        request.duration(), request.autoExtendDuration(),
        request.accessDetails() == null ? null : request.accessDetails().roleIds()));
    return created(RELATIONSHIPS + relationship.id(), SandboxGraphJson.single(serviceRoot(),
        SandboxGraphJson.RELATIONSHIPS, SandboxGraphJson.relationship(relationship)));
  }

  @PostMapping("/{id}/requests")
  ResponseEntity<Map<String, Object>> request(@PathVariable String id, @RequestBody RequestIn request) {
    SandboxGdap.Request done = gdap.request(id, request.action());
    return created(RELATIONSHIPS + id + "/requests/" + done.id(), SandboxGraphJson.single(serviceRoot(),
        SandboxGraphJson.REQUESTS, SandboxGraphJson.request(done)));
  }

  @GetMapping("/{id}/accessAssignments")
  Map<String, Object> accessAssignments(@PathVariable String id) {
    return SandboxGraphJson.collection(serviceRoot(), SandboxGraphJson.ACCESS_ASSIGNMENTS, gdap.assignments(id)
        .stream().map(SandboxGraphJson::accessAssignment).toList());
  }

  @PostMapping("/{id}/accessAssignments")
  ResponseEntity<Map<String, Object>> assign(@PathVariable String id, @RequestBody AccessAssignmentIn request) {
    if (request.accessContainer() == null
        || !"securityGroup".equals(request.accessContainer().accessContainerType())) {
      throw SandboxError.invalid("accessContainer.accessContainerType must be securityGroup");
    }
    SandboxGdap.AccessAssignment assignment = gdap.assign(id, request.accessContainer().accessContainerId(),
        request.accessDetails() == null ? null : request.accessDetails().roleIds());
    return created(RELATIONSHIPS + id + "/accessAssignments/" + assignment.id(), SandboxGraphJson.single(
        serviceRoot(), SandboxGraphJson.ACCESS_ASSIGNMENTS, SandboxGraphJson.accessAssignment(assignment)));
  }

  @ExceptionHandler(SandboxError.class)
  ResponseEntity<Map<String, Object>> refused(SandboxError error, HttpServletRequest request) {
    String code = error.httpStatus() == 404 ? "itemNotFound" : "invalidRequest";
    return graphError(error.httpStatus(), code, error.description(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request) {
    return graphError(400, "invalidRequest", "The request body is not valid JSON for this resource", request);
  }

  private static ResponseEntity<Map<String, Object>> graphError(int status, String code, String message,
      HttpServletRequest request) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(SandboxGraphJson.error(code,
        message, String.valueOf(request.getAttribute(SandboxGraphInterceptor.REQUEST_ID))));
  }

  private static ResponseEntity<Map<String, Object>> created(String path, Map<String, Object> body) {
    return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(serviceRoot() + path)).body(body);
  }

  /** This sandbox's {@code https://graph.microsoft.com/v1.0}, so that Location and @odata.context point here. */
  private static String serviceRoot() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/graph/v1.0").toUriString();
  }
}
