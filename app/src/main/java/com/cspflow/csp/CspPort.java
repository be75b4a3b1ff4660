package com.cspflow.csp;

import java.util.List;
import java.util.Optional;

/**
 * Everything cspflow asks of Microsoft's Cloud Solution Provider program. The processes depend on this port
 * only; its one adapter is the Partner Center REST client, pointed at Microsoft or at the built-in sandbox.
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

  /** The offers the partner can sell, with prices. */
  List<CatalogOffer> catalog();

  /** Cart and checkout in one logical operation; a replay with the same requestId returns the first order. */
  CspOrder placeOrder(String requestId, String tenantId, List<OrderLine> lines);

  /** An order with its provisioning status and, once fulfilled, the subscription ids it created. */
  CspOrder getOrder(String tenantId, String orderId);

  /** All of one customer's subscriptions, in one call. */
  List<CspSubscription> subscriptions(String tenantId);

  /** The subscriptions one order created (Partner Center's {@code ?order_id=} filter): cheap however many the
   * customer has. */
  List<CspSubscription> subscriptionsOfOrder(String tenantId, String orderId);

  /** Sets a subscription's seat count; decreases only within the new-commerce window (else code 800090). */
  CspSubscription changeQuantity(String requestId, String tenantId, String subscriptionId, int quantity);

  /** The customer's users (to find the administrator). */
  List<CustomerUser> users(String tenantId);

  /** Sets a new password that must be changed at first sign-in. The caller generates and owns the secret. */
  void resetPassword(String requestId, String tenantId, String userId, char[] newPassword);
}
