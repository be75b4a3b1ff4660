package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxProperties.Faults;
import com.cspflow.sandbox.SandboxProperties.OperationFaults;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What only the sandbox can do, for tests, demos and benchmarks: play the customer's own administrator and
 * Microsoft's back office. Not part of Partner Center; the client never calls it.
 *
 * <ul>
 *   <li>{@code POST tenants} {@code {domain, companyName, relationshipToPartner?, agreementConfirmed?,
 *       subscriptions?: [{catalogItemId, quantity, termDuration?, billingCycle?, purchasedDaysAgo?,
 *       createdDaysAgo?}]}}: a tenant that already exists at "Microsoft" (default relationship "none", subscriptions
 *       bought 30 days ago; one {@code createdDaysAgo} before that was bought then and renewed since, its current
 *       term starting {@code purchasedDaysAgo}); 201
 *       {@code {tenantId, domain, relationshipToPartner}}; a subscription {@code chargedToPartner} was bought by this
 *       partner: its purchase is charged (Microsoft's billing export has it), its billing cycles too
 *   <li>{@code POST tenants/bulk} {@code {tenants: [the same, up to 1000]}}: seeding in one transaction; 201
 *       {@code {tenants: [{tenantId, domain, relationshipToPartner, subscriptions: [{id, catalogItemId,
 *       offerName, quantity}]}]}}
 *   <li>{@code POST relationship-requests/accept} {@code {domain}}: the customer's admin accepts the reseller
 *       invitation; the tenant becomes the partner's customer with its subscriptions
 *   <li>{@code POST customers/{tenantId}/time-travel} {@code {hours}}: moves that customer's orders,
 *       subscriptions and cancellation windows into the past
 *   <li>{@code PUT customers/{tenantId}/under-review} {@code {underReview}}: orders then fail with 800073
 *   <li>{@code POST customers/{tenantId}/orders/{orderId}/cancel}: Microsoft cancels an order it has not completed;
 *       400 when it is not pending
 *   <li>{@code POST customers/{tenantId}/users} {@code {userPrincipalName, firstName?, lastName?, globalAdmin?}}:
 *       the customer's administrator adds a user (an administrator when {@code globalAdmin}); 201 {@code {id,
 *       userPrincipalName}}
 *   <li>{@code GET customers/{tenantId}/password-resets}: per user principal name, how often its password was
 *       reset since the application started, and whether a change is forced at the next sign-in (read-only)
 *   <li>{@code PATCH customers/{tenantId}/subscriptions/{id}} {@code {quantity?, status?, byMicrosoft?}}: the
 *       partner changed the subscription in Microsoft's own portal (another seat count, or e.g. {@code suspended}),
 *       which the activity log records; with {@code byMicrosoft}, Microsoft changed it itself (a suspension), which
 *       it does not. Either way a registered webhook gets {@code subscription-updated}. {@code DELETE} the same
 *       path: Microsoft no longer lists it (the webhook gets the same event)
 *   <li>{@code POST catalog/{catalogItemId}/price-changes} {@code {annualUnitPrice, effectiveFrom}}: Microsoft
 *       announces a new price (the annual term billed annually, per seat per month) from a first of a month, this
 *       month's or later; the price sheets show it from then
 *   <li>{@code PUT catalog/{catalogItemId}/withdrawal}: Microsoft withdraws the offer from its catalog (no longer
 *       listed nor sold; its subscriptions live on); {@code DELETE} the same path lists it again
 *   <li>{@code PUT billing-exports/next} {@code {failingDownloads, failingBlob?, tamper:
 *       drop-line|change-price|change-quantity|null, tamperSubscription?, linesPerBlob?}}: what Microsoft Graph's
 *       next billing export gets wrong: downloads that break off half-way (of one blob, from 0, or any), the first
 *       line (of one subscription, or of the export) missing, its price raised by 1.00 or a seat more, and how its
 *       lines are split
 *   <li>{@code GET faults/stats}: per operation, the calls the sandbox answered and how many got a 429 or an
 *       injected 500 since the faults were last replaced (for the benchmarks)
 *   <li>{@code GET|PUT|DELETE faults} {@code {seed, operations: {name|all: {latencyMs, errorRate,
 *       requestsPerSecond}}}}: fault injection at runtime; DELETE turns it off
 * </ul>
 */
@RestController
@RequestMapping("/sandbox-admin")
class SandboxAdminController {

  record ExistingSubscription(String catalogItemId, int quantity, String termDuration, String billingCycle,
      Integer purchasedDaysAgo, Integer createdDaysAgo, Boolean chargedToPartner) {}

  record ExistingTenant(String domain, String companyName, String relationshipToPartner,
      boolean agreementConfirmed, List<ExistingSubscription> subscriptions) {}

  record BulkTenants(List<ExistingTenant> tenants) {}

  record DomainRequest(String domain) {}

  record TimeTravel(long hours) {}

  record UnderReview(boolean underReview) {}

  record OutsideChange(Integer quantity, String status, boolean byMicrosoft) {}

  record NewUser(String userPrincipalName, String firstName, String lastName, boolean globalAdmin) {}

  record PriceChange(BigDecimal annualUnitPrice, LocalDate effectiveFrom) {}

  static final int MAX_BULK_TENANTS = 1000;

  private final SandboxCustomers customers;
  private final SandboxCommerce commerce;
  private final SandboxCatalog catalog;
  private final SandboxFaults faults;
  private final SandboxBillingExports billingExports;

  SandboxAdminController(SandboxCustomers customers, SandboxCommerce commerce, SandboxCatalog catalog,
      SandboxFaults faults, SandboxBillingExports billingExports) {
    this.billingExports = billingExports;
    this.customers = customers;
    this.commerce = commerce;
    this.catalog = catalog;
    this.faults = faults;
  }

  @PostMapping("/tenants")
  @Transactional
  ResponseEntity<Map<String, Object>> existingTenant(@RequestBody ExistingTenant request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(seed(request));
  }

  /** Up to {@value #MAX_BULK_TENANTS} tenants in one transaction, so that a benchmark seeds 20,000 in minutes. */
  @PostMapping("/tenants/bulk")
  @Transactional
  ResponseEntity<Map<String, Object>> existingTenants(@RequestBody BulkTenants request) {
    if (request.tenants() == null || request.tenants().isEmpty() || request.tenants().size() > MAX_BULK_TENANTS) {
      throw SandboxError.invalid("tenants: 1 to " + MAX_BULK_TENANTS + " per call");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("tenants", request.tenants().stream().map(this::seed).toList()));
  }

  private Map<String, Object> seed(ExistingTenant request) {
    if (request.domain() == null || request.domain().isBlank() || request.companyName() == null) {
      throw SandboxError.invalid("domain and companyName are required");
    }
    String domain = request.domain().contains(".") ? request.domain() : request.domain() + ".onmicrosoft.com";
    String relationship = SandboxCustomers.RESELLER.equals(request.relationshipToPartner())
        ? SandboxCustomers.RESELLER : SandboxCustomers.NO_RELATIONSHIP;
    SandboxCustomers.Tenant tenant = customers.create(new SandboxCustomers.NewTenant(domain, request.companyName(),
        "admin@" + domain.toLowerCase(), null, "en-US", "en", null, null), relationship);
    if (request.agreementConfirmed()) {
      customers.confirmAgreement(tenant.id(), SandboxPartnerCenterController.AGREEMENT_TEMPLATE_ID, "Global",
          "Administrator", "admin@" + tenant.domain(), null, Instant.now().toString());
    }
    List<Map<String, Object>> subscriptions = new java.util.ArrayList<>();
    for (ExistingSubscription s : request.subscriptions() == null ? List.<ExistingSubscription>of()
        : request.subscriptions()) {
      if (s.quantity() < 1) {
        throw SandboxError.invalid("quantity must be at least 1");
      }
      int daysAgo = s.purchasedDaysAgo() == null ? 30 : s.purchasedDaysAgo();
      int createdDaysAgo = s.createdDaysAgo() == null ? daysAgo : s.createdDaysAgo();
      if (createdDaysAgo < daysAgo) {
        throw SandboxError.invalid("createdDaysAgo must not be less than purchasedDaysAgo");
      }
      SandboxCatalog.Offer offer = catalog.offer(s.catalogItemId());
      long now = System.currentTimeMillis();
      String id = commerce.existingSubscription(tenant.id(), offer, s.quantity(),
          s.termDuration() == null ? "P1Y" : s.termDuration(), s.billingCycle() == null ? "monthly" : s.billingCycle(),
          now - Duration.ofDays(daysAgo).toMillis(), now - Duration.ofDays(createdDaysAgo).toMillis(),
          Boolean.TRUE.equals(s.chargedToPartner()));
      subscriptions.add(Map.of("id", id, "catalogItemId", offer.catalogItemId(), "offerName", offer.name(),
          "quantity", s.quantity()));
    }
    return Map.of("tenantId", tenant.id(), "domain", tenant.domain(), "relationshipToPartner", relationship,
        "subscriptions", subscriptions);
  }

  @PostMapping("/relationship-requests/accept")
  Map<String, Object> acceptRelationship(@RequestBody DomainRequest request) {
    SandboxCustomers.Tenant tenant = customers.byDomain(request.domain() == null ? "" : request.domain())
        .orElseThrow(() -> SandboxError.notFound("No tenant has the domain " + request.domain()));
    customers.acceptRelationship(tenant.id());
    return Map.of("tenantId", tenant.id(), "domain", tenant.domain(), "relationshipToPartner",
        SandboxCustomers.RESELLER);
  }

  @PostMapping("/customers/{tenantId}/time-travel")
  ResponseEntity<Void> timeTravel(@PathVariable String tenantId, @RequestBody TimeTravel request) {
    customers.tenant(tenantId).orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
    commerce.travel(tenantId, request.hours());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/customers/{tenantId}/orders/{orderId}/cancel")
  ResponseEntity<Void> cancelPendingOrder(@PathVariable String tenantId, @PathVariable String orderId) {
    customers.tenant(tenantId).orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
    commerce.cancelPendingOrder(tenantId, orderId);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/customers/{tenantId}/under-review")
  ResponseEntity<Void> underReview(@PathVariable String tenantId, @RequestBody UnderReview request) {
    customers.tenant(tenantId).orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
    customers.setUnderReview(tenantId, request.underReview());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/customers/{tenantId}/users")
  ResponseEntity<Map<String, Object>> newUser(@PathVariable String tenantId, @RequestBody NewUser request) {
    SandboxCustomers.Tenant tenant = customers.tenant(tenantId)
        .orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
    String userPrincipalName = request.userPrincipalName() == null ? "" : request.userPrincipalName().toLowerCase();
    if (!userPrincipalName.matches("[a-z0-9._-]+@" + Pattern.quote(tenant.domain()))) {
      throw SandboxError.invalid("userPrincipalName must be name@" + tenant.domain());
    }
    if (customers.users(tenantId).stream().anyMatch(u -> u.userPrincipalName().equals(userPrincipalName))) {
      throw SandboxError.invalid(userPrincipalName + " exists already");
    }
    String local = userPrincipalName.substring(0, userPrincipalName.indexOf('@'));
    SandboxCustomers.User user = customers.createUser(tenantId, userPrincipalName,
        request.firstName() == null ? local : request.firstName(),
        request.lastName() == null ? tenant.companyName() : request.lastName(), request.globalAdmin());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("id", user.id(), "userPrincipalName", user.userPrincipalName()));
  }

  @GetMapping("/customers/{tenantId}/password-resets")
  Map<String, Object> passwordResets(@PathVariable String tenantId) {
    customers.tenant(tenantId).orElseThrow(() -> SandboxError.notFound("Tenant " + tenantId + " not found"));
    Map<String, Object> resets = new TreeMap<>();
    for (SandboxCustomers.User user : customers.users(tenantId)) {
      resets.put(user.userPrincipalName(), Map.of("resets", customers.passwordResets(user.id()),
          "forceChangePassword", customers.forceChangePassword(user.id())));
    }
    return resets;
  }

  @PatchMapping("/customers/{tenantId}/subscriptions/{subscriptionId}")
  ResponseEntity<Void> changeOutsideCspflow(@PathVariable String tenantId, @PathVariable String subscriptionId,
      @RequestBody OutsideChange request) {
    if (request.quantity() != null && request.quantity() < 1) {
      throw SandboxError.invalid("quantity must be at least 1");
    }
    String status = request.status() == null ? null : request.status().trim().toLowerCase();
    if (!commerce.changeOutsideCspflow(tenantId, subscriptionId, request.quantity(), status, request.byMicrosoft())) {
      throw SandboxError.notFound("Subscription " + subscriptionId + " not found");
    }
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/customers/{tenantId}/subscriptions/{subscriptionId}")
  ResponseEntity<Void> removeOutsideCspflow(@PathVariable String tenantId, @PathVariable String subscriptionId) {
    if (!commerce.removeOutsideCspflow(tenantId, subscriptionId)) {
      throw SandboxError.notFound("Subscription " + subscriptionId + " not found");
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/catalog/{catalogItemId}/price-changes")
  ResponseEntity<Void> changePrice(@PathVariable String catalogItemId, @RequestBody PriceChange request) {
    LocalDate from = request.effectiveFrom();
    if (from == null || from.getDayOfMonth() != 1 || from.isBefore(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1))) {
      throw SandboxError.invalid("effectiveFrom must be the first of this month or of a later one");
    }
    if (request.annualUnitPrice() == null || request.annualUnitPrice().signum() < 0) {
      throw SandboxError.invalid("annualUnitPrice must be a price, not negative");
    }
    catalog.changePrice(catalogItemId, from, request.annualUnitPrice());
    return ResponseEntity.status(HttpStatus.CREATED).build();
  }

  @PutMapping("/catalog/{catalogItemId}/withdrawal")
  ResponseEntity<Void> withdraw(@PathVariable String catalogItemId) {
    catalog.withdraw(catalogItemId, System.currentTimeMillis());
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/catalog/{catalogItemId}/withdrawal")
  ResponseEntity<Void> listAgain(@PathVariable String catalogItemId) {
    catalog.withdraw(catalogItemId, null);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/billing-exports/next")
  ResponseEntity<Void> injectIntoNextExport(@RequestBody SandboxBillingExports.Injection request) {
    if (request.failingDownloads() < 0 || (request.linesPerBlob() != null && request.linesPerBlob() < 1)
        || (request.failingBlob() != null && request.failingBlob() < 0)
        || (request.tamper() != null && !SandboxBillingExports.TAMPERINGS.contains(request.tamper()))) {
      throw SandboxError.invalid("failingDownloads and failingBlob not negative, linesPerBlob at least 1, tamper one "
          + "of " + SandboxBillingExports.TAMPERINGS);
    }
    billingExports.injectIntoNext(request);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/faults/stats")
  Map<String, SandboxFaults.Stats> faultStats() {
    return faults.stats();
  }

  @GetMapping("/faults")
  Faults faults() {
    return faults.current();
  }

  @PutMapping("/faults")
  Faults replaceFaults(@RequestBody Faults request) {
    for (OperationFaults rule : request.operations().values()) {
      if (rule.errorRate() < 0 || rule.errorRate() > 1 || rule.latencyMs() < 0 || rule.requestsPerSecond() < 0) {
        throw SandboxError.invalid("errorRate must be 0 to 1; latencyMs and requestsPerSecond not negative");
      }
    }
    faults.replace(request);
    return faults.current();
  }

  @DeleteMapping("/faults")
  ResponseEntity<Void> clearFaults() {
    faults.replace(new Faults(faults.current().seed(), Map.of()));
    return ResponseEntity.noContent().build();
  }
}
