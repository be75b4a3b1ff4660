package com.cspflow.partnersetup;

import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.platform.api.SetsUpPartner;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
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
 * A partner's Microsoft 365 service: "Add the service to your E-store" (contact person and MPN ID, which Microsoft
 * verifies) and its status. The price list it opens is {@code com.cspflow.pricing.PriceListApi}.
 */
@RestController
@RequestMapping("/api/partners/{partnerId}")
@Tag(name = "Partner", description = "The partner's Microsoft 365 service")
public class PartnerApi {

  private final PartnerRepository partners;
  private final PartnerAccess access;
  private final ProcessStarter processes;

  public PartnerApi(PartnerRepository partners, PartnerAccess access, ProcessStarter processes) {
    this.partners = partners;
    this.access = access;
    this.processes = processes;
  }

  /** 202: the MPN ID is being verified with Microsoft; the partner shows PENDING, then ACTIVE or REJECTED. */
  @PostMapping("/microsoft365")
  @SetsUpPartner
  @Operation(summary = "Add the Microsoft 365 service (first setup)", description = "Honours Idempotency-Key. 409 "
      + "when the partner has the service or is adding it.")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public ResponseEntity<Partner> addService(@PathVariable @PartnerId String partnerId,
      @Valid @RequestBody PartnerServiceRequest request) {
    ApiCaller caller = access.settingUp(partnerId);
    processes.start(PartnerSetupService.PROCESS_KEY, request.forPartner(partnerId), caller);
    return ResponseEntity.accepted().location(URI.create("/api/partners/" + partnerId))
        .body(partners.find(partnerId).orElseThrow());
  }

  @GetMapping
  @Operation(summary = "The partner's Microsoft 365 service: status, MPN ID, contact, Microsoft's reason if refused")
  public Partner partner(@PathVariable @PartnerId String partnerId) {
    access.readingFor(partnerId);
    return partners.find(partnerId).orElseThrow(() -> new NotFound("No partner " + partnerId));
  }
}
