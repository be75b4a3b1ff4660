package com.cspflow.credentials;

import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An organization's admin user name and whether, when and to whom its credentials were issued; no password. */
@RestController
public class AdminCredentialsController {

  private final ServiceRepository services;
  private final AdminCredentialsService credentials;

  public AdminCredentialsController(ServiceRepository services, AdminCredentialsService credentials) {
    this.services = services;
    this.credentials = credentials;
  }

  @GetMapping("/api/organizations/{id}/admin-credentials")
  public AdminCredentialsView adminCredentials(@PathVariable String id) {
    M365Service service = services.find(id).filter(s -> s.adminUserName() != null)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No administrator on record for " + id));
    return credentials.issue(id)
        .map(issue -> new AdminCredentialsView(id, service.adminUserName(), true, issue.sent(), issue.issuedTo(),
            issue.issuedBy(), issue.requestedAt(), issue.issuedAt()))
        .orElse(new AdminCredentialsView(id, service.adminUserName(), false, false, null, null, null, null));
  }

  /**
   * {@code requested}: a first request claimed the credentials; {@code sent}: its password mail went out
   * ({@code issuedAt}).
   */
  public record AdminCredentialsView(String organizationId, String adminUserName, boolean requested, boolean sent,
      String issuedTo, String issuedBy, Instant requestedAt, Instant issuedAt) {}
}
