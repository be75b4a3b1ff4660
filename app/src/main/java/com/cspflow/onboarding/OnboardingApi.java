package com.cspflow.onboarding;

import org.springframework.web.bind.annotation.RequestParam;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import io.swagger.v3.oas.annotations.Parameter;
import com.cspflow.platform.api.Paging;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
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

/** "Add a new customer": a partner's organizations. */
@RestController
@RequestMapping("/api/partners/{partnerId}/organizations")
@Tag(name = "Organizations", description = "A partner's customers, their address and contact, their Microsoft 365")
public class OnboardingApi {

  private final OrganizationRepository organizations;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public OnboardingApi(OrganizationRepository organizations, PartnerAccess access, ProcessStarter processes) {
    this.organizations = organizations;
    this.access = access;
    this.processes = processes;
  }

  /**
   * 201 with the organization and its Location; whether its details are complete (if not, the back office completes
   * them before Microsoft 365 can be added). Honours Idempotency-Key.
   */
  @PostMapping
  @Operation(summary = "Create a customer organization")
  @ResponseStatus(HttpStatus.CREATED)
  public ResponseEntity<Organization> create(@PathVariable @PartnerId String partnerId,
      @Valid @RequestBody OrganizationRequest organization) {
    ApiCaller caller = access.actingFor(partnerId);
    String id = processes.start(OnboardingVariables.PROCESS_KEY, organization.forPartner(partnerId), caller);
    return ResponseEntity.created(URI.create("/api/partners/" + partnerId + "/organizations/" + id))
        .body(organizations.find(id).orElseThrow());
  }

  @GetMapping
  @Operation(summary = "The partner's organizations, by name; a page of them with page and size")
  public ResponseEntity<List<Organization>> list(@PathVariable @PartnerId String partnerId,
      @Parameter(description = Paging.PAGE_HINT) @RequestParam(required = false) @Min(0) @Max(Paging.MAX_PAGE)
      Integer page,
      @Parameter(description = Paging.SIZE_HINT) @RequestParam(required = false) @Min(1) @Max(Paging.MAX_SIZE)
      Integer size) {
    access.readingFor(partnerId);
    Paging paging = Paging.of(page, size);
    if (paging == null) {
      return Paging.of(null, organizations.ofPartner(partnerId));
    }
    return Paging.answer(paging, organizations.ofPartner(partnerId, paging.offset(), paging.size()),
        organizations.countOfPartner(partnerId));
  }
}
