package com.cspflow.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Partner Center's resource shapes, as the sandbox writes them. */
final class SandboxJson {

  /** Partner Center lets a cart expire after seven days. */
  static final Duration CART_LIFETIME = Duration.ofDays(7);

  private SandboxJson() {}

  /** Input: unknown fields are ignored, as Spring Boot's ObjectMapper does. */
  record CustomerIn(CompanyProfileIn companyProfile, BillingProfileIn billingProfile) {}

  record CompanyProfileIn(String domain, String companyName) {}

  record BillingProfileIn(String email, String culture, String language, String companyName, AddressIn defaultAddress) {}

  record AddressIn(String firstName, String lastName, String country, String phoneNumber) {}

  record AgreementIn(ContactIn primaryContact, String templateId, String dateAgreed, String type) {}

  record ContactIn(String firstName, String lastName, String email, String phoneNumber) {}

  record CartIn(List<SandboxCommerce.CartLine> lineItems) {}

  static Map<String, Object> collection(List<?> items) {
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("totalCount", items.size());
    collection.put("items", items);
    collection.put("attributes", Map.of("objectType", "Collection"));
    return collection;
  }

  /** A collection with its own link, as Partner Center answers the lists that have one (e.g. a customer's users). */
  static Map<String, Object> collection(List<?> items, String selfUri) {
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("totalCount", items.size());
    collection.put("items", items);
    collection.put("links", Map.of("self", link(selfUri)));
    collection.put("attributes", Map.of("objectType", "Collection"));
    return collection;
  }

  static Map<String, Object> customer(SandboxCustomers.Tenant tenant) {
    Map<String, Object> companyProfile = new LinkedHashMap<>();
    companyProfile.put("tenantId", tenant.id());
    companyProfile.put("domain", tenant.domain());
    companyProfile.put("companyName", tenant.companyName());
    companyProfile.put("attributes", Map.of("objectType", "CustomerCompanyProfile"));
    Map<String, Object> billingProfile = new LinkedHashMap<>();
    billingProfile.put("email", tenant.email());
    billingProfile.put("culture", tenant.culture());
    billingProfile.put("language", tenant.language());
    billingProfile.put("companyName", tenant.companyName());
    billingProfile.put("attributes", Map.of("objectType", "CustomerBillingProfile"));
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", tenant.id());
    customer.put("commerceId", tenant.commerceId());
    customer.put("companyProfile", companyProfile);
    customer.put("billingProfile", billingProfile);
    customer.put("relationshipToPartner", tenant.relationship());
    customer.put("allowDelegatedAccess", true);
    customer.put("attributes", Map.of("objectType", "Customer"));
    return customer;
  }

  /**
   * A confirmed Customer Agreement as Partner Center answers it; {@code userId} is the partner user who confirmed it,
   * known to the sandbox by the consent behind the app+user token.
   */
  static Map<String, Object> agreement(String userId, AgreementIn agreement) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("primaryContact", agreement.primaryContact());
    body.put("templateId", agreement.templateId());
    body.put("dateAgreed", agreement.dateAgreed());
    body.put("type", agreement.type());
    return body;
  }

  static Map<String, Object> product(SandboxCatalog.Product product, String country) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", product.id());
    body.put("title", product.title());
    body.put("description", product.description());
    body.put("productType", Map.of("id", SandboxCatalog.NEW_COMMERCE_VIEW, "displayName",
        SandboxCatalog.NEW_COMMERCE_VIEW));
    body.put("isMicrosoftProduct", true);
    body.put("publisherName", "Microsoft Corporation");
    body.put("links", Map.of("skus", link("/products/" + product.id() + "/skus?country=" + country),
        "self", link("/products/" + product.id() + "?country=" + country)));
    body.put("attributes", Map.of("objectType", "Product"));
    return body;
  }

  static Map<String, Object> sku(SandboxCatalog.Offer offer, String country) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", offer.skuId());
    body.put("productId", offer.productId());
    body.put("title", offer.name());
    body.put("description", offer.name());
    body.put("minimumQuantity", offer.minimumQuantity());
    body.put("maximumQuantity", offer.maximumQuantity());
    body.put("isTrial", false);
    body.put("supportedBillingCycles", offer.terms().stream().map(SandboxCatalog.TermPlan::billingCycle).distinct()
        .toList());
    body.put("purchasePrerequisites", List.of());
    body.put("inventoryVariables", List.of());
    body.put("provisioningVariables", List.of());
    body.put("actions", List.of());
    body.put("dynamicAttributes", Map.of("isMicrosoftProduct", true));
    body.put("links", Map.of("availabilities", link("/products/" + offer.productId() + "/skus/" + offer.skuId()
        + "/availabilities?country=" + country)));
    body.put("attributes", Map.of("objectType", "Sku"));
    return body;
  }

  /** New commerce lets a subscription be cancelled, for a prorated refund, within seven days. */
  static Map<String, Object> availability(SandboxCatalog.Offer offer, String country) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", offer.availabilityId());
    body.put("productId", offer.productId());
    body.put("skuId", offer.skuId());
    body.put("catalogItemId", offer.catalogItemId());
    body.put("defaultCurrency", Map.of("code", SandboxCatalog.CURRENCY, "symbol", "\u20ac"));
    body.put("segment", offer.segment());
    body.put("country", country);
    body.put("isPurchasable", true);
    body.put("isRenewable", true);
    body.put("terms", offer.terms().stream().map(term -> Map.of("duration", term.duration(), "description",
        term.duration() + " " + term.billingCycle(), "billingCycle", term.billingCycle(), "cancellationPolicies",
        List.of(Map.of("refunds", List.of(Map.of("type", "Full", "sequenceId", 1, "expiresAfter", "P1D"),
            Map.of("type", "Partial", "sequenceId", 2, "expiresAfter", "P7D")),
            "policyType", "StandardCancellation")))).toList());
    body.put("links", Map.of("self", link("/products/" + offer.productId() + "/skus/" + offer.skuId()
        + "/availabilities/" + offer.availabilityId() + "?country=" + country)));
    body.put("attributes", Map.of("objectType", "Availability"));
    return body;
  }

  static Map<String, Object> cart(SandboxCommerce.Cart cart) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", cart.id());
    body.put("creationTimestamp", date(cart.createdAt()));
    body.put("expirationTimestamp", date(cart.createdAt() + CART_LIFETIME.toMillis()));
    body.put("status", cart.status());
    body.put("lineItems", cart.lineItems());
    body.put("attributes", Map.of("objectType", "Cart"));
    return body;
  }

  static Map<String, Object> order(SandboxCommerce.Order order) {
    List<Map<String, Object>> lines = order.lineItems().stream().map(line -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("lineItemNumber", line.lineNumber());
      item.put("offerId", line.catalogItemId());
      item.put("subscriptionId", line.subscriptionId());
      item.put("termDuration", line.termDuration());
      item.put("transactionType", "New");
      item.put("quantity", line.quantity());
      item.put("provisioningStatus", line.subscriptionId() == null ? "PrefulfillmentPending" : "Fulfilled");
      return item;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", order.id());
    body.put("referenceCustomerId", order.customerId());
    body.put("currencyCode", SandboxCatalog.CURRENCY);
    body.put("lineItems", lines);
    body.put("creationDate", date(order.createdAt()));
    body.put("status", order.status());
    body.put("transactionType", "UserPurchase");
    body.put("attributes", Map.of("objectType", "Order"));
    return body;
  }

  /**
   * A subscription; {@code cancellationAllowedUntilDate} is 168 hours after its purchase or last renewal,
   * {@code refundableQuantity.details} the seats of each window still open, and {@code scheduledNextTermInstructions}
   * is null when nothing is scheduled.
   */
  static Map<String, Object> subscription(SandboxCommerce.Subscription s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", s.id());
    body.put("offerId", s.catalogItemId());
    body.put("offerName", s.offerName());
    body.put("friendlyName", s.offerName());
    body.put("quantity", s.quantity());
    body.put("unitType", "Licenses");
    body.put("creationDate", date(s.createdAt()));
    body.put("effectiveStartDate", date(s.termStart()));
    body.put("commitmentEndDate", date(s.termEnd()));
    body.put("status", s.status());
    body.put("autoRenewEnabled", s.autoRenew());
    body.put("billingType", "license");
    body.put("billingCycle", s.billingCycle());
    body.put("termDuration", s.termDuration());
    Map<String, Object> refundable = new LinkedHashMap<>();
    refundable.put("totalQuantity", s.refundableQuantity());
    refundable.put("details", s.refundWindows().stream().map(window -> Map.of("quantity", window.quantity(),
        "allowedUntilDateTime", date(window.allowedUntil()))).toList());
    body.put("refundableQuantity", refundable);
    body.put("cancellationAllowedUntilDate", date(s.cancellableUntil()));
    body.put("scheduledNextTermInstructions", s.nextTerm());
    body.put("orderId", s.orderId());
    body.put("attributes", Map.of("etag", s.etag(), "objectType", "Subscription"));
    return body;
  }

  /** @param usageLocation the country the user's licenses are used in: the customer's */
  static Map<String, Object> user(SandboxCustomers.User user, String usageLocation) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("usageLocation", usageLocation);
    body.put("id", user.id());
    body.put("userPrincipalName", user.userPrincipalName());
    body.put("firstName", user.firstName());
    body.put("lastName", user.lastName());
    body.put("displayName", user.displayName());
    body.put("lastDirectorySyncTime", null);
    body.put("userDomainType", "none");
    body.put("state", "active");
    body.put("softDeletionTime", null);
    body.put("links", Map.of("self", link("/customers/" + user.customerId() + "/users/" + user.id())));
    body.put("attributes", Map.of("objectType", "CustomerUser"));
    return body;
  }

  /**
   * The user after a password reset. Microsoft's sample answer echoes the new password in {@code passwordProfile};
   * the sandbox leaves it out: a password must not travel further than it has to, nor reach a log from here.
   */
  static Map<String, Object> passwordReset(SandboxCustomers.User user, String usageLocation, boolean forceChange) {
    Map<String, Object> body = user(user, usageLocation);
    body.put("passwordProfile", Map.of("forceChangePassword", forceChange));
    return body;
  }

  private static Map<String, Object> link(String uri) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("uri", uri);
    link.put("method", "GET");
    link.put("headers", List.of());
    return link;
  }

  static String date(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
