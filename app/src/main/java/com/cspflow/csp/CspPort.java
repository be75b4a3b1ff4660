package com.cspflow.csp;

import java.util.List;
import java.util.Optional;

/**
 * Everything cspflow asks of Microsoft's Cloud Solution Provider program, and of Microsoft Graph's GDAP API and
 * Entra sign-in around it. The processes depend on this port only; its one adapter is the Partner Center REST
 * client, pointed at Microsoft or at the CSP sandbox.
 *
 * <p>Failures: a {@link CspBusinessException} is Partner Center saying no (a BPMN error with a human path);
 * a {@link CspTechnicalException} is an outage, timeout or throttling that outlasted its wait (the job
 * retries, then becomes an incident). Operations that change something take a {@code requestId}: the
 * idempotency key sent as MS-RequestId; the same id for a retry of the same logical operation.
 */
public interface CspPort {

  /** The partner's program profile; unknown ids are a business error. */
  PartnerProfile verifyPartner(String mpnId);

  /** Whether {@code <prefix>.onmicrosoft.com} is still free. */
  boolean isDomainAvailable(String domainPrefix);

  /** A new tenant; the one-time password in Partner Center's answer is discarded, never returned. */
  CreatedCustomer createCustomer(String requestId, NewCustomer customer);

  /** Confirms the Microsoft Customer Agreement for the customer (with the current template id). */
  void confirmCustomerAgreement(String requestId, String tenantId, AgreementConfirmation confirmation);

  /** The reseller-relationship invitation link a customer with an existing tenant must accept. */
  String relationshipRequestLink();

  /** A customer the partner has a relationship with, by its domain (e.g. after it accepted the invitation). */
  Optional<CspCustomer> findCustomerByDomain(String domain);

  /**
   * The offers the partner can sell, with Microsoft's prices of this month and, once published, the next (none when
   * no partner user's consent lets the price sheet be read).
   */
  List<CatalogOffer> catalog();

  /** Cart and checkout in one logical operation; a replay with the same requestId returns the first order. */
  CspOrder placeOrder(String requestId, String tenantId, List<OrderLine> lines);

  /** An order with its provisioning status and, once fulfilled, the subscription ids it created. */
  CspOrder getOrder(String tenantId, String orderId);

  /**
   * The activity log since {@code since} (at most 90 days back): who changed what of which customer through Partner
   * Center, its API or its portal, oldest first. Microsoft's own doings (renewals) are not in it.
   */
  List<ActivityRecord> activitySince(java.time.Instant since);

  /** The partner's webhook registration (where Partner Center posts which events), if it has one. */
  java.util.Optional<WebhookRegistration> webhookRegistration();

  /** Registers the partner's webhook, or replaces the one it has ({@code replace}). */
  void registerWebhook(WebhookRegistration registration, boolean replace);

  /**
   * Asks Microsoft Graph for the unbilled reconciliation lines of the current or the last billing period
   * ({@code billingPeriod} {@code current} or {@code last}) in {@code currency}; returns the export's operation id.
   * The export runs at Microsoft: follow it with {@link #billingExport}.
   */
  String requestUnbilledExport(String billingPeriod, String currency);

  /** Asks Microsoft Graph for the billed reconciliation lines of one invoice; returns the export's operation id. */
  String requestBilledExport(String invoiceId);

  /** The partner's invoices from Microsoft ("Get a collection of invoices"). */
  java.util.List<PartnerInvoice> invoices();

  /** Where an export stands; once it succeeded, the addresses of its files, each valid for a while. */
  BillingExportStatus billingExport(String operationId);

  /** Every line of one export file (gzipped JSON lines); a download that breaks off is a technical error. */
  java.util.List<MicrosoftCharge> billingLines(java.net.URI file);

  /** All of one customer's subscriptions, in one call. */
  List<CspSubscription> subscriptions(String tenantId);

  /** The subscriptions one order created (Partner Center's {@code ?order_id=} filter): cheap however many the
   * customer has. */
  List<CspSubscription> subscriptionsOfOrder(String tenantId, String orderId);

  /**
   * Sets a subscription's seat count; decreases only within the new-commerce window (else code 800090, as a
   * {@link CspRenewalOnlyException}). Microsoft deletes the changes scheduled for the next term.
   */
  CspSubscription changeQuantity(String requestId, String tenantId, String subscriptionId, int quantity);

  /**
   * Cancels a subscription (Partner Center: status {@code deleted}); only within 7 days of its purchase or renewal,
   * else a {@link CspRenewalOnlyException} with the renewal date, at which it can end instead.
   */
  CspSubscription cancelSubscription(String requestId, String tenantId, String subscriptionId);

  /** Whether the subscription renews at its commitment end date; off, it expires then. */
  CspSubscription setAutoRenew(String requestId, String tenantId, String subscriptionId, boolean enabled);

  /**
   * What the subscription becomes at its renewal; null removes what was scheduled. Any later mid-term change (a seat
   * count) makes Microsoft delete it.
   */
  CspSubscription scheduleNextTerm(String requestId, String tenantId, String subscriptionId,
      NextTermInstructions instructions);

  /** The customer's users (to find the administrator); needs a GDAP role that reads the directory. */
  List<CustomerUser> users(String tenantId);

  /**
   * Sets a new password that must be changed at first sign-in. The caller generates and owns the secret. For the
   * administrator, needs GDAP's Privileged Authentication Administrator.
   */
  void resetPassword(String requestId, String tenantId, String userId, char[] newPassword);

  /** The tenant a domain belongs to, by Microsoft's public sign-in metadata; empty when no tenant has it. */
  Optional<String> tenantIdOf(String domain);

  /**
   * Whether the partner's agent group holds, through GDAP, what {@link #users} and {@link #resetPassword} of the
   * administrator need in the customer's tenant, and if not, what is missing.
   */
  AdminAccess adminAccess(String tenantId);

  /**
   * The GDAP relationship named {@code displayName} with the customer, requested if there is none yet: the
   * configured roles and duration, locked for the customer's approval. Safe to repeat.
   */
  GdapRelationship requestGdapRelationship(String tenantId, String customerName, String displayName);

  /** A GDAP relationship as Microsoft has it now. */
  GdapRelationship gdapRelationship(String relationshipId);

  /** Assigns the roles of an active relationship to the agent group, unless an assignment to it exists already. */
  void assignGdapRoles(String relationshipId);
}
