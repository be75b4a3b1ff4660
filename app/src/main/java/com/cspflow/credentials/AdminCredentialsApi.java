package com.cspflow.credentials;

import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.onboarding.OrganizationDirectory;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.Patterns;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Request customer admin credentials": the password goes to one address, the first time only; later requests get
 * the admin user name. The record says whether, when, by whom and to whom they were issued, and every attempt to mail
 * them with what the mail server did; never a password.
 */
@RestController
@RequestMapping("/api/partners/{partnerId}/organizations/{organizationId}/admin-credentials")
@Tag(name = "Admin credentials", description = "The customer's first administrator: password once, user name always")
public class AdminCredentialsApi {

  private final ServiceRepository services;
  private final AdminCredentialsService credentials;
  private final OrganizationDirectory organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public AdminCredentialsApi(ServiceRepository services, AdminCredentialsService credentials,
      OrganizationDirectory organizations, PartnerAccess access, ProcessStarter processes) {
    this.services = services;
    this.credentials = credentials;
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
  }

  @Schema(description = "Who gets the credentials: the password the first time, the user name after that")
  public record CredentialsRequest(
      @NotBlank @EmailAddress @Schema(example = "it@contoso.example") String recipientEmail) {}

  /** 202: the mail is on its way (the password the first time, the user name afterwards). */
  @PostMapping
  @Operation(summary = "Request the admin credentials", description = "Honours Idempotency-Key.")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<AdminCredentialsView> request(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId,
      @Valid @RequestBody CredentialsRequest request) {
    ApiCaller caller = access.actingFor(partnerId);
    requireOrganization(partnerId, organizationId);
    processes.start(AdminCredentialsService.PROCESS_KEY,
        new RequestAdminCredentials(organizationId, request.recipientEmail()), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId + "/organizations/"
        + organizationId + "/admin-credentials")).body(view(organizationId));
  }

  @GetMapping
  @Operation(summary = "The admin user name, whether, when and to whom the credentials were issued, and every "
      + "attempt to mail them")
  public AdminCredentialsView adminCredentials(@PathVariable @PartnerId String partnerId,
      @PathVariable @Pattern(regexp = Patterns.GUID, message = Patterns.GUID_HINT) String organizationId) {
    access.readingFor(partnerId);
    requireOrganization(partnerId, organizationId);
    return view(organizationId);
  }

  private void requireOrganization(String partnerId, String organizationId) {
    if (!organizations.belongsTo(organizationId, partnerId)) {
      throw new NotFound("No organization " + organizationId + " of partner " + partnerId);
    }
  }

  private AdminCredentialsView view(String organizationId) {
    M365Service service = services.find(organizationId).filter(s -> s.adminUserName() != null)
        .orElseThrow(() -> new NotFound("No administrator on record for " + organizationId));
    List<CredentialsAttempt> attempts = credentials.attempts(organizationId);
    return credentials.issue(organizationId)
        .map(issue -> new AdminCredentialsView(organizationId, service.adminUserName(), true, issue.sent(),
            issue.issuedTo(), issue.issuedBy(), issue.requestedAt(), issue.issuedAt(), attempts))
        .orElse(new AdminCredentialsView(organizationId, service.adminUserName(), false, false, null, null, null,
            null, attempts));
  }

  /**
   * {@code requested}: a request claimed the credentials (a withdrawn one no longer does); {@code sent}: its password
   * mail went out ({@code issuedAt}); {@code attempts}: every attempt to mail them, withdrawn requests' included.
   */
  public record AdminCredentialsView(String organizationId, String adminUserName, boolean requested, boolean sent,
      String issuedTo, String issuedBy, Instant requestedAt, Instant issuedAt, List<CredentialsAttempt> attempts) {}
}
