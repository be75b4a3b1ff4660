package com.cspflow.activation;

import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.CreatedCustomer;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.GdapRelationship;
import com.cspflow.csp.NewCustomer;
import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationDetails;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.partnersetup.Partner;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InputCheck;
import com.cspflow.platform.mail.NotificationMail;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds Microsoft 365 to an onboarded organization: a new tenant, or a migrated existing one.
 *
 * <p>Methods that call the CSP are not {@code @Transactional} of their own: they run in the job's
 * transaction, and a CSP refusal that the process turns into a BPMN error must not mark it rollback-only.
 */
@Service
public class ActivationService {

  public static final String PROCESS_KEY = "serviceActivation";
  /** Partner Center: letters and digits, at most 27 characters, before .onmicrosoft.com. */
  static final String DOMAIN_PREFIX_PATTERN = "[A-Za-z0-9]{1,27}";
  static final Pattern DOMAIN_PREFIX = Pattern.compile(DOMAIN_PREFIX_PATTERN);
  static final String DOMAIN_PREFIX_HINT = "must be letters and digits only, at most 27 characters";
  private static final String BACK_OFFICE_CHOOSES = "the back office is choosing another name";

  private final ServiceRepository services;
  private final CustomerRelationshipRepository relationships;
  private final OrganizationRepository organizations;
  private final PartnerRepository partners;
  private final SubscriptionRepository subscriptions;
  private final CspPort csp;
  private final NotificationMail mail;
  private final ActivationSettings settings;
  private final Clock clock;

  public ActivationService(ServiceRepository services, CustomerRelationshipRepository relationships,
      OrganizationRepository organizations, PartnerRepository partners, SubscriptionRepository subscriptions,
      CspPort csp, NotificationMail mail, ActivationSettings settings, Clock clock) {
    this.services = services;
    this.relationships = relationships;
    this.organizations = organizations;
    this.partners = partners;
    this.subscriptions = subscriptions;
    this.csp = csp;
    this.mail = mail;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Checks the request against what we know and records it: an unknown organization, incomplete details or a
   * partner without the service is a 400 naming the field; an organization that has or is getting Microsoft 365
   * (also by a request at the same moment) a 409. A confirmation at start is recorded with who confirmed and when.
   */
  @Transactional
  public void request(AddMicrosoft365 command, String requestedBy) {
    InputCheck input = new InputCheck();
    String id = command.organizationId().trim();
    Optional<Organization> organization = organizations.find(id);
    if (organization.isEmpty()) {
      input.problem("organizationId", "is not a known organization");
    }
    organization.ifPresent(o -> {
      if (!o.detailsComplete()) {
        input.problem("organizationId", "has incomplete address or contact details; complete them first");
      }
      if (partners.find(o.partnerId()).filter(Partner::active).isEmpty()) {
        input.problem("organizationId", "belongs to partner " + o.partnerId()
            + ", who has not added the Microsoft 365 service yet");
      }
    });
    input.throwIfInvalid();
    services.find(id).filter(s -> s.status() != M365Service.Status.CANCELLED).ifPresent(s -> {
      throw new ConflictingProcessInput("organizationId", s.status() == M365Service.Status.ACTIVE
          ? "already has Microsoft 365" : "is already getting Microsoft 365 (" + s.domain() + ")");
    });
    try {
      services.saveRequested(id, command.mode(), domain(command.domainPrefix().trim()), clock.instant());
    } catch (DuplicateKeyException concurrentRequest) {
      throw new ConflictingProcessInput("organizationId", "is already getting Microsoft 365");
    }
    if (command.confirmedNow()) {
      recordAgreement(id, confirmer(command.confirmedBy(), requestedBy));
    }
  }

  /** Who confirmed: the name the caller gave, and the signed-in user or client that sent it. */
  static String confirmer(String confirmedBy, String requestedBy) {
    String name = confirmedBy == null || confirmedBy.isBlank() ? null : confirmedBy.trim();
    if (name == null) {
      return requestedBy == null ? "unknown" : requestedBy;
    }
    return requestedBy == null || requestedBy.equals(name) ? name : name + " (via " + requestedBy + ")";
  }

  @Transactional
  public void recordAgreement(String organizationId, String confirmedBy) {
    Organization organization = organizations.find(organizationId).orElseThrow();
    services.recordAgreement(organizationId, confirmedBy, organization.details().contactEmail(), clock.instant());
  }

  /**
   * Whether the (possibly newly chosen) prefix is free at Microsoft; an unusable prefix is "not free" with
   * the reason, so the person choosing gets to try again. While the back office chooses, the service's status
   * reason tells the partner why it waits; a free domain clears it.
   */
  @Transactional
  public DomainCheck checkDomain(String organizationId, String chosenPrefix) {
    M365Service service = service(organizationId);
    if (chosenPrefix == null || !DOMAIN_PREFIX.matcher(chosenPrefix.trim()).matches()) {
      services.waitsBecause(organizationId, "the domain name is not usable at Microsoft: " + BACK_OFFICE_CHOOSES);
      return new DomainCheck(false, "'" + chosenPrefix + "' " + DOMAIN_PREFIX_HINT);
    }
    String domain = domain(chosenPrefix.trim());
    if (!domain.equals(service.domain())) {
      services.changeDomain(organizationId, domain);
    }
    if (!csp.isDomainAvailable(chosenPrefix.trim())) {
      services.waitsBecause(organizationId, domain + " is already taken at Microsoft: " + BACK_OFFICE_CHOOSES);
      return new DomainCheck(false, domain + " is already taken at Microsoft; choose another name");
    }
    if (service.statusReason() != null) {
      services.waitsBecause(organizationId, null);
    }
    return new DomainCheck(true, null);
  }

  /**
   * Creates the tenant. The request id is derived from organization and domain, so a retried job replays
   * the same creation instead of creating a second tenant.
   */
  public CreatedCustomer createTenant(String organizationId) {
    M365Service service = service(organizationId);
    Organization organization = organizations.find(organizationId).orElseThrow();
    OrganizationDetails contact = organization.details();
    CreatedCustomer created = csp.createCustomer("create-customer-" + organizationId + "-" + service.domainPrefix(),
        new NewCustomer(service.domainPrefix(), organization.name(), contact.contactFirstName(),
            contact.contactLastName(), contact.contactEmail(), contact.contactPhone(), contact.street(),
            contact.postalCode(), contact.city(), contact.country(), "en-US", "en"));
    services.recordTenant(organizationId, created.tenantId(), created.adminUserName());
    return created;
  }

  /**
   * For a migration: is there a tenant on this domain at all? Its id, from Microsoft's sign-in metadata, is kept: the
   * GDAP request names it before the customer is ours.
   */
  public boolean tenantExists(String organizationId) {
    return csp.tenantIdOf(service(organizationId).domain()).map(tenantId -> {
      relationships.recordTenant(organizationId, tenantId);
      return true;
    }).orElse(false);
  }

  /**
   * Requests admin access (a GDAP relationship with the configured roles, locked for the customer's approval), unless
   * the one requested before can still be approved or is approved, and records the invitation with both links: the
   * reseller relationship to accept and the GDAP relationship to approve. The mail is the next step of its own
   * ({@link #mailInvitation}). Returns until when we wait.
   */
  public Instant sendInvitation(String organizationId) {
    Organization organization = organizations.find(organizationId).orElseThrow();
    M365Service service = service(organizationId);
    CustomerRelationships known = relationships.find(organizationId).orElseThrow(
        () -> new IllegalStateException("No tenant on record for the migration of " + organizationId));
    String link = csp.relationshipRequestLink();
    GdapRelationship gdap = pendingOrApproved(known).orElse(null);
    int requests = known.gdapRequests();
    String displayName = known.gdapDisplayName();
    if (gdap == null) {
      requests++;
      displayName = displayName(service.domainPrefix(), requests);
      gdap = csp.requestGdapRelationship(known.customerTenantId(), organization.name(), displayName);
    }
    relationships.recordInvitation(organizationId, link, gdap, displayName, requests, clock.instant());
    return clock.instant().plus(settings.acceptanceLimit());
  }

  /**
   * Mails the customer the invitation last recorded, once: a reminder is a new invitation and a mail of its own, a
   * retried or taken-over job of the same invitation sends nothing more.
   */
  public void mailInvitation(String organizationId) {
    Organization organization = organizations.find(organizationId).orElseThrow();
    M365Service service = service(organizationId);
    CustomerRelationshipRepository.Invitation invitation = relationships.invitation(organizationId).orElseThrow(
        () -> new IllegalStateException("No invitation on record for the migration of " + organizationId));
    mail.sendOnce("relationship-invitation", organizationId + "." + invitation.invitedAt().toEpochMilli(),
        organization.details().contactEmail(), "Accept us as your Microsoft 365 partner",
        """
        Hello %s,

        To move %s's Microsoft 365 subscriptions (%s) to us, a global administrator of your tenant needs to do
        two things:

        1. Accept our reseller relationship at this address:

        %s

        2. Approve our request for admin access (GDAP), which lets us support your users and licenses, at this
           address:

        %s

        We will import your subscriptions as soon as both are done.
        """.formatted(organization.details().contactFirstName(), organization.name(), service.domain(),
            invitation.resellerLink(), invitation.gdapApprovalUrl()));
  }

  /**
   * Whether the customer has accepted the reseller relationship (then its tenant is recorded) and approved the GDAP
   * relationship; once that is active, its roles are assigned to the partner's agent group, without which nobody of
   * the partner could use them.
   */
  public MigrationProgress checkAccepted(String organizationId) {
    CustomerRelationships known = relationships.find(organizationId).orElseThrow();
    boolean accepted = known.resellerAccepted() || csp.findCustomerByDomain(service(organizationId).domain())
        .map(customer -> {
          services.recordTenant(organizationId, customer.tenantId(), null);
          return true;
        }).orElse(false);
    GdapRelationship gdap = csp.gdapRelationship(known.gdapRelationshipId());
    boolean assigned = known.adminAccessApproved();
    if (gdap.status() == GdapRelationship.Status.ACTIVE && !assigned) {
      csp.assignGdapRoles(gdap.id());
      assigned = true;
    }
    relationships.recordCheck(organizationId, accepted, gdap.status(), assigned, clock.instant());
    return new MigrationProgress(accepted, assigned, gdap.status());
  }

  public int importSubscriptions(String organizationId) {
    M365Service service = service(organizationId);
    Instant now = clock.instant();
    var existing = csp.subscriptions(service.tenantId());
    for (CspSubscription subscription : existing) {
      subscriptions.save(organizationId, subscription, SubscriptionRepository.Origin.MIGRATED, null, now);
    }
    return existing.size();
  }

  /** Sends the recorded confirmation to Microsoft; the request id makes a retry harmless. */
  public void sendAgreement(String organizationId) {
    M365Service service = service(organizationId);
    OrganizationDetails contact = organizations.find(organizationId).orElseThrow().details();
    csp.confirmCustomerAgreement("agreement-" + organizationId + "-" + service.tenantId(), service.tenantId(),
        new AgreementConfirmation(contact.contactFirstName(), contact.contactLastName(), contact.contactEmail(),
            contact.contactPhone(), service.agreementConfirmedAt()));
  }

  @Transactional
  public void activate(String organizationId) {
    services.activate(organizationId, clock.instant());
  }

  @Transactional
  public void cancel(String organizationId, String reason) {
    services.cancel(organizationId, reason == null ? "cancelled" : reason);
  }

  private M365Service service(String organizationId) {
    return services.find(organizationId).orElseThrow(
        () -> new IllegalStateException("No Microsoft 365 service for organization " + organizationId));
  }

  private static String domain(String prefix) {
    return prefix == null ? null : prefix.toLowerCase() + M365Service.DOMAIN_SUFFIX;
  }

  /** Whether a domain can be used, and if not, why. */
  public record DomainCheck(boolean free, String reason) {}

  /** How far a migrating customer is: reseller relationship accepted, admin access (GDAP) approved and usable. */
  public record MigrationProgress(boolean resellerAccepted, boolean adminAccessApproved,
      GdapRelationship.Status gdapStatus) {

    public boolean complete() {
      return resellerAccepted && adminAccessApproved;
    }

    /** For the back office when the waiting limit has passed: what the customer has not done yet. */
    public String waitingFor() {
      StringBuilder missing = new StringBuilder();
      if (!resellerAccepted) {
        missing.append("The customer has not accepted the reseller relationship. ");
      }
      if (!adminAccessApproved) {
        missing.append("The customer has not approved the admin access (GDAP) request; it is ").append(gdapStatus)
            .append(gdapStatus.live() ? "." : ": a reminder requests it anew.");
      }
      return missing.toString().trim();
    }
  }

  private Optional<GdapRelationship> pendingOrApproved(CustomerRelationships known) {
    if (known.gdapRelationshipId() == null) {
      return Optional.empty();
    }
    GdapRelationship gdap = csp.gdapRelationship(known.gdapRelationshipId());
    return gdap.status().live() ? Optional.of(gdap) : Optional.empty();
  }

  /** Unique among the partner's relationships and at most Graph's 50 characters: the domain, the request's number. */
  private String displayName(String domainPrefix, int request) {
    String name = settings.gdapDisplayNamePrefix() + " " + domainPrefix + (request > 1 ? " " + request : "");
    return name.length() <= 50 ? name : name.substring(0, 50);
  }
}
