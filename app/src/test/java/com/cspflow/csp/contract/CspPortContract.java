package com.cspflow.csp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.csp.AdminAccess;
import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.TermPlan;
import com.cspflow.csp.CreatedCustomer;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspCustomer;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspRenewalOnlyException;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CustomerUser;
import com.cspflow.csp.GdapRelationship;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.csp.OrderLine;
import java.time.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The scenarios cspflow relies on, run through the real Partner Center client against every backend that
 * claims to be Partner Center: the built-in sandbox and WireMock stubs shaped like Microsoft's documentation.
 * The sandbox cannot drift from the client without one of the subclasses failing.
 *
 * <p>The {@code given...} hooks arrange what the backend must know for a scenario: the sandbox plays the
 * customer through its admin endpoints, WireMock is stubbed with Microsoft's documented samples
 * ({@code partner-center-fixtures/}). Both backends refuse an operation called with another grant than Microsoft's
 * table allows (the sandbox answers 403, WireMock has no stub for it), so these scenarios also hold the client to
 * the grants.
 */
abstract class CspPortContract {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  static final String EXCHANGE_PLAN_1 = "CFQ7TTC0LH16:0001:CFQ7TTC09F3D";
  static final String KNOWN_MPN_ID = "1234567";
  static final String UNKNOWN_MPN_ID = "9999999";

  protected abstract CspPort port();

  /** The given customer may be created with the given request id; any other request id finds it taken. */
  protected abstract void givenANewCustomerCanBeCreated(String domainPrefix, String requestId);

  /** A customer without a Customer Agreement that can order Business Basic; its tenant id. */
  protected abstract String givenACustomerWithoutAgreement();

  /** Lets the customer's pending orders complete. */
  protected abstract void givenTheOrdersHaveCompleted(String tenantId);

  /** The 7 days after the purchase of the customer's subscription have passed. */
  protected abstract void givenTheCancellationWindowHasClosed(String tenantId);

  /** A tenant that has 10 Exchange Online (Plan 1) seats but no relationship with the partner. */
  protected abstract void givenAnExistingTenant(String domain);

  /** The tenant's administrator accepts the reseller relationship. */
  protected abstract void givenTheCustomerAcceptedTheRelationship(String domain);

  /**
   * A customer with an active GDAP relationship holding Privileged Authentication Administrator and Directory
   * Readers, both assigned to the partner's agent group; its tenant id.
   */
  protected abstract String givenACustomerWithAdminAccess();

  /** The customer has no active GDAP relationship (ended ones, or one waiting for approval, at most). */
  protected abstract void givenNoActiveGdapRelationship(String tenantId);

  /** The customer's active relationship holds Directory Readers but not Privileged Authentication Administrator. */
  protected abstract void givenGdapWithoutPrivilegedAuthenticationAdministrator(String tenantId);

  /** The customer's active relationship holds the roles, but they are not assigned to the agent group. */
  protected abstract void givenGdapRolesNotAssignedToTheAgentGroup(String tenantId);

  /** A tenant on {@code domain} that is not the partner's customer; its id. */
  protected abstract String givenATenantThatIsNotACustomer(String domain);

  /** The customer's Global Administrator approves the relationship locked for approval. */
  protected abstract void givenTheCustomerApprovedTheGdapRelationship(String relationshipId);

  @Test
  void aKnownPartnerIsVerifiedAndAnUnknownOneIsRefused() {
    assertThat(port().verifyPartner(KNOWN_MPN_ID).mpnId()).isEqualTo(KNOWN_MPN_ID);
    assertThat(port().verifyPartner(KNOWN_MPN_ID).partnerName()).isNotBlank();
    assertThatThrownBy(() -> port().verifyPartner(UNKNOWN_MPN_ID))
        .isInstanceOfSatisfying(CspBusinessException.class, e -> assertThat(e.httpStatus()).isBetween(400, 499));
  }

  @Test
  void aDomainIsFreeUntilTheCustomerIsCreatedAndAReplayReturnsTheSameCustomer() {
    String prefix = "contract" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String requestId = UUID.randomUUID().toString();
    givenANewCustomerCanBeCreated(prefix, requestId);

    assertThat(port().isDomainAvailable(prefix)).isTrue();
    CreatedCustomer created = port().createCustomer(requestId, newCustomer(prefix));

    assertThat(created.tenantId()).isNotBlank();
    assertThat(created.domain()).isEqualTo(prefix + ".onmicrosoft.com");
    assertThat(created.adminUserName()).endsWith("@" + prefix + ".onmicrosoft.com");
    assertThat(port().isDomainAvailable(prefix)).isFalse();
    assertThat(port().createCustomer(requestId, newCustomer(prefix))).isEqualTo(created);
    assertThatThrownBy(() -> port().createCustomer(UUID.randomUUID().toString(), newCustomer(prefix)))
        .isInstanceOfSatisfying(CspBusinessException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.code()).isEqualTo(CspBusinessException.DOMAIN_ALREADY_EXISTS);
        });
  }

  @Test
  void anOrderNeedsTheCustomerAgreementThenCompletesWithSubscriptionsWhoseSeatsCanChange() {
    String tenantId = givenACustomerWithoutAgreement();
    List<OrderLine> lines = List.of(new OrderLine(BUSINESS_BASIC, 5, "P1M", "monthly"));

    assertThatThrownBy(() -> port().placeOrder(UUID.randomUUID().toString(), tenantId, lines))
        .isInstanceOfSatisfying(CspBusinessException.class,
            e -> assertThat(e.code()).isEqualTo(CspBusinessException.CUSTOMER_AGREEMENT_NOT_CONFIRMED));

    port().confirmCustomerAgreement(UUID.randomUUID().toString(), tenantId,
        new AgreementConfirmation("Anna", "Admin", "anna@example.com", "+46 8 123 456", Instant.now()));
    String requestId = UUID.randomUUID().toString();
    CspOrder placed = port().placeOrder(requestId, tenantId, lines);
    assertThat(placed.status()).isEqualTo(CspOrder.Status.PENDING);
    assertThat(placed.subscriptionIds()).isEmpty();
    assertThat(port().placeOrder(requestId, tenantId, lines).orderId()).isEqualTo(placed.orderId());

    givenTheOrdersHaveCompleted(tenantId);
    CspOrder completed = port().getOrder(tenantId, placed.orderId());
    assertThat(completed.status()).isEqualTo(CspOrder.Status.COMPLETED);
    assertThat(completed.subscriptionIds()).hasSize(1);
    String subscriptionId = completed.subscriptionIds().get(0);
    assertThat(port().subscriptions(tenantId)).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(subscriptionId);
      assertThat(s.catalogItemId()).isEqualTo(BUSINESS_BASIC);
      assertThat(s.quantity()).isEqualTo(5);
      assertThat(s.status()).isEqualTo(CspSubscription.Status.ACTIVE);
      assertThat(s.termDuration()).isEqualTo("P1M");
      assertThat(s.refundableQuantity()).isEqualTo(5);
      assertThat(s.etag()).isNotBlank();
    });
    assertThat(port().subscriptionsOfOrder(tenantId, placed.orderId())).extracting(CspSubscription::id)
        .containsExactly(subscriptionId);

    assertThat(port().changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 7).quantity())
        .isEqualTo(7);
    assertThatThrownBy(() -> port().changeQuantity(UUID.randomUUID().toString(), tenantId, subscriptionId, 301))
        .isInstanceOfSatisfying(CspBusinessException.class,
            e -> assertThat(e.code()).isEqualTo(CspBusinessException.QUANTITY_OUT_OF_RANGE));
  }

  @Test
  void aSubscriptionIsScheduledForItsNextTermStopsRenewingAndOnceItsWindowHasClosedCanOnlyEndAtRenewal() {
    String tenantId = givenACustomerWithoutAgreement();
    String subscriptionId = orderedAndCompleted(tenantId);
    NextTermInstructions yearlyThree = new NextTermInstructions(BUSINESS_BASIC, 3, "P1Y", "annual");

    CspSubscription scheduled = port().scheduleNextTerm(UUID.randomUUID().toString(), tenantId, subscriptionId,
        yearlyThree);
    assertThat(scheduled.scheduledNextTerm()).isEqualTo(yearlyThree);
    assertThat(scheduled.quantity()).as("nothing changes before the renewal").isEqualTo(5);
    CspSubscription notRenewing = port().setAutoRenew(UUID.randomUUID().toString(), tenantId, subscriptionId, false);
    assertThat(notRenewing.autoRenewEnabled()).isFalse();
    assertThat(notRenewing.commitmentEndDate()).isNotNull();

    givenTheCancellationWindowHasClosed(tenantId);
    Instant renewal = port().subscriptions(tenantId).stream().filter(s -> s.id().equals(subscriptionId))
        .findFirst().orElseThrow().commitmentEndDate();
    assertThatThrownBy(() -> port().cancelSubscription(UUID.randomUUID().toString(), tenantId, subscriptionId))
        .isInstanceOfSatisfying(CspRenewalOnlyException.class, e -> {
          assertThat(e.code()).isEqualTo(CspBusinessException.QUANTITY_DECREASE_NOT_ALLOWED);
          assertThat(e.renewalDate()).as("it can end at its renewal").isEqualTo(renewal).isNotNull();
        });
  }

  @Test
  void aSubscriptionCancelledWithinItsWindowIsDeleted() {
    String tenantId = givenACustomerWithoutAgreement();
    String subscriptionId = orderedAndCompleted(tenantId);

    CspSubscription cancelled = port().cancelSubscription(UUID.randomUUID().toString(), tenantId, subscriptionId);

    assertThat(cancelled.id()).isEqualTo(subscriptionId);
    assertThat(cancelled.status()).isEqualTo(CspSubscription.Status.DELETED);
  }

  /** Five monthly seats of Business Basic, bought and provisioned; returns the subscription's id. */
  private String orderedAndCompleted(String tenantId) {
    port().confirmCustomerAgreement(UUID.randomUUID().toString(), tenantId,
        new AgreementConfirmation("Anna", "Admin", "anna@example.com", "+46 8 123 456", Instant.now()));
    CspOrder placed = port().placeOrder(UUID.randomUUID().toString(), tenantId,
        List.of(new OrderLine(BUSINESS_BASIC, 5, "P1M", "monthly")));
    givenTheOrdersHaveCompleted(tenantId);
    return port().getOrder(tenantId, placed.orderId()).subscriptionIds().get(0);
  }

  @Test
  void anExistingTenantBecomesVisibleWithItsSubscriptionsOnceItAcceptsTheRelationship() {
    String domain = "migrating" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + ".onmicrosoft.com";
    givenAnExistingTenant(domain);

    assertThat(port().relationshipRequestLink()).startsWith("https://admin.microsoft.com/");
    assertThat(port().findCustomerByDomain(domain)).isEmpty();

    givenTheCustomerAcceptedTheRelationship(domain);
    CspCustomer customer = port().findCustomerByDomain(domain).orElseThrow();
    assertThat(customer.domain()).isEqualTo(domain);
    assertThat(customer.companyName()).isNotBlank();
    assertThat(port().subscriptions(customer.tenantId())).singleElement().satisfies(s -> {
      assertThat(s.catalogItemId()).isEqualTo(EXCHANGE_PLAN_1);
      assertThat(s.quantity()).isEqualTo(10);
      assertThat(s.refundableQuantity()).isZero();
    });
  }

  @Test
  void theAdministratorIsListedAndItsPasswordCanBeReset() {
    String tenantId = givenACustomerWithoutAgreement();

    List<CustomerUser> users = port().users(tenantId);
    assertThat(users).anySatisfy(u -> assertThat(u.userPrincipalName()).startsWith("admin@"));
    String adminId = users.stream().filter(u -> u.userPrincipalName().startsWith("admin@")).findFirst()
        .orElseThrow().id();
    port().resetPassword(UUID.randomUUID().toString(), tenantId, adminId, "Tr1cky-Passw0rd!".toCharArray());
  }

  @Test
  void adminAccessIsGrantedThroughAnActiveRelationshipWhoseRolesTheAgentGroupHolds() {
    String tenantId = givenACustomerWithAdminAccess();

    AdminAccess access = port().adminAccess(tenantId);

    assertThat(access.isGranted()).as("%s", access.explanation()).isTrue();
    assertThat(access.missing()).isEqualTo(AdminAccess.Missing.NOTHING);
  }

  @Test
  void withoutAnActiveGdapRelationshipAdminAccessMissesTheRelationship() {
    String tenantId = givenACustomerWithAdminAccess();
    givenNoActiveGdapRelationship(tenantId);

    AdminAccess access = port().adminAccess(tenantId);

    assertThat(access.missing()).isEqualTo(AdminAccess.Missing.RELATIONSHIP);
    assertThat(access.explanation()).contains("no active GDAP relationship", tenantId,
        "Privileged Authentication Administrator", "Directory Readers");
  }

  @Test
  void aRelationshipWithoutPrivilegedAuthenticationAdministratorMissesTheRole() {
    String tenantId = givenACustomerWithAdminAccess();
    givenGdapWithoutPrivilegedAuthenticationAdministrator(tenantId);

    AdminAccess access = port().adminAccess(tenantId);

    assertThat(access.missing()).isEqualTo(AdminAccess.Missing.ROLE);
    assertThat(access.explanation()).contains("hold none of Privileged Authentication Administrator");
  }

  @Test
  void rolesNotAssignedToTheAgentGroupMissTheAssignment() {
    String tenantId = givenACustomerWithAdminAccess();
    givenGdapRolesNotAssignedToTheAgentGroup(tenantId);

    AdminAccess access = port().adminAccess(tenantId);

    assertThat(access.missing()).isEqualTo(AdminAccess.Missing.GROUP_ASSIGNMENT);
    assertThat(access.explanation()).contains("Privileged Authentication Administrator",
        "not assigned to the agent security group");
  }

  @Test
  void aTenantThatIsNotACustomerIsFoundByItsDomainAndItsGdapRequestOnceApprovedGoesToTheAgentGroup() {
    String domain = "gdap" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + ".onmicrosoft.com";
    String tenantId = givenATenantThatIsNotACustomer(domain);

    assertThat(port().tenantIdOf(domain)).contains(tenantId);
    assertThat(port().tenantIdOf("nobody" + domain)).isEmpty();
    GdapRelationship requested = port().requestGdapRelationship(tenantId, "Fabrikam", "cspflow contract");
    assertThat(requested.status()).isEqualTo(GdapRelationship.Status.APPROVAL_PENDING);
    assertThat(requested.approvalUrl()).isEqualTo("https://admin.microsoft.com/AdminPortal/Home#/partners/"
        + "invitation/granularAdminRelationships/" + requested.id());
    assertThat(port().requestGdapRelationship(tenantId, "Fabrikam", "cspflow contract").id())
        .as("asking again finds the same request").isEqualTo(requested.id());
    assertThat(port().adminAccess(tenantId).missing()).isEqualTo(AdminAccess.Missing.RELATIONSHIP);

    givenTheCustomerApprovedTheGdapRelationship(requested.id());
    assertThat(port().gdapRelationship(requested.id()).status()).isEqualTo(GdapRelationship.Status.ACTIVE);
    assertThat(port().adminAccess(tenantId).missing()).isEqualTo(AdminAccess.Missing.GROUP_ASSIGNMENT);
    port().assignGdapRoles(requested.id());
    port().assignGdapRoles(requested.id());

    assertThat(port().adminAccess(tenantId).isGranted()).isTrue();
  }

  @Test
  void theCatalogOffersBusinessPlansUpTo300SeatsOnEveryTermAndBillingPlanWithItsPrice() {
    List<CatalogOffer> catalog = port().catalog();
    LocalDate today = LocalDate.now();
    assertThat(catalog).anySatisfy(offer -> {
      assertThat(offer.catalogItemId()).isEqualTo(BUSINESS_BASIC);
      assertThat(offer.productName()).isEqualTo("Microsoft 365 Business Basic");
      assertThat(offer.productGroup()).isEqualTo("Microsoft 365");
      assertThat(offer.category()).isEqualTo("Corporate");
      assertThat(offer.minimumQuantity()).isEqualTo(1);
      assertThat(offer.maximumQuantity()).isEqualTo(300);
      assertThat(offer.terms()).contains(new TermPlan("P1Y", "annual"), new TermPlan("P1Y", "monthly"),
          new TermPlan("P1M", "monthly"));
      assertThat(offer.currency()).isEqualTo("EUR");
      BigDecimal annual = offer.unitPrice("P1Y", "annual", today).orElseThrow();
      assertThat(offer.unitPrice("P1Y", "monthly", today)).as("annual billed monthly: 5 %% more")
          .contains(annual.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_UP));
      assertThat(offer.unitPrice("P1M", "monthly", today)).as("a monthly term: 20 %% more")
          .contains(annual.multiply(new BigDecimal("1.20")).setScale(2, RoundingMode.HALF_UP));
    });
    assertThat(catalog).allSatisfy(offer -> assertThat(offer.catalogItemId()).matches("[A-Z0-9]+:\\d{4}:[A-Z0-9]+"));
  }

  static NewCustomer newCustomer(String prefix) {
    return new NewCustomer(prefix, "Contoso " + prefix + " AB", "Anna", "Admin", "anna@example.com",
        "+46 8 123 456", "Storgatan 1", "111 22", "Stockholm", "SE", "sv-SE", "sv");
  }
}
