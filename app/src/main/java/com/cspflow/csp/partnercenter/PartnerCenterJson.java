package com.cspflow.csp.partnercenter;

import com.cspflow.csp.GdapRole;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Partner Center's and Microsoft Graph's JSON as far as cspflow reads or writes it. Unknown fields are ignored when
 * reading (the client's tolerant mapper), so Microsoft can add fields. Subscriptions are read as trees instead,
 * because a quantity change must send back the whole resource, fields we do not know included.
 */
final class PartnerCenterJson {

  private PartnerCenterJson() {}

  record MpnProfile(String mpnId, String partnerName) {}

  record NewCustomerRequest(CompanyProfile companyProfile, BillingProfile billingProfile) {}

  record CompanyProfile(String tenantId, String domain, String companyName) {}

  record BillingProfile(String email, String culture, String language, String companyName, Address defaultAddress) {}

  record Address(String firstName, String lastName, String addressLine1, String city, String postalCode,
      String country, String phoneNumber) {}

  /** {@code userCredentials.password} is deliberately not mapped: it must not outlive the HTTP answer. */
  record Customer(String id, CompanyProfile companyProfile, String relationshipToPartner,
      UserCredentials userCredentials) {}

  record UserCredentials(String userName) {}

  /** Partner Center's customer filter, sent URL-encoded as {@code ?filter=}; its field names are capitalised. */
  record CustomerFilter(@JsonProperty("Field") String field, @JsonProperty("Value") String value,
      @JsonProperty("Operator") String operator) {}

  record AgreementMetadata(String templateId, String agreementType) {}

  record Agreement(Contact primaryContact, String templateId, String dateAgreed, String type) {}

  record Contact(String firstName, String lastName, String email, String phoneNumber) {}

  record RelationshipRequest(String url) {}

  /** A product of the catalog ({@code GET /v1/products}). */
  record Product(String id, String title) {}

  /** A product's SKU ({@code GET /v1/products/{id}/skus}). */
  record Sku(String id, String title, int minimumQuantity, int maximumQuantity) {}

  /** A SKU's availability: what a cart names ({@code catalogItemId}), on which terms and billing plans. */
  record Availability(String id, String catalogItemId, Currency defaultCurrency, String segment,
      boolean isPurchasable, List<AvailabilityTerm> terms) {}

  record Currency(String code) {}

  record AvailabilityTerm(String duration, String billingCycle) {}

  record Cart(String id, List<CartLineItem> lineItems) {}

  record CartLineItem(int id, String catalogItemId, int quantity, String billingCycle, String termDuration,
      Map<String, String> provisioningContext) {}

  record CheckoutResult(List<Order> orders, List<OrderError> orderErrors) {}

  record OrderError(String orderGroupId, int code, String description) {}

  record Order(String id, String status, List<OrderLineItem> lineItems) {}

  record OrderLineItem(int lineItemNumber, String offerId, String subscriptionId, int quantity) {}

  record User(String id, String userPrincipalName, String displayName) {}

  /** {@code scheduledNextTermInstructions} as cspflow writes it (promotionId and customTermEndDate are not used). */
  record NextTerm(NextTermProduct product, int quantity) {}

  record NextTermProduct(String productId, String skuId, String availabilityId, String billingCycle,
      String termDuration) {}

  /** A delegatedAdminRelationship; what cspflow sends to create one, and reads back. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Relationship(String id, String displayName, String duration, GdapCustomer customer,
      AccessDetails accessDetails, String autoExtendDuration, String status) {

    List<GdapRole> roles() {
      return accessDetails == null ? List.of() : accessDetails.roles();
    }
  }

  record GdapCustomer(String tenantId, String displayName) {}

  /** The roles of a relationship or an assignment, by role definition id; roles cspflow does not name are skipped. */
  record AccessDetails(List<UnifiedRole> unifiedRoles) {

    static AccessDetails of(List<GdapRole> roles) {
      return new AccessDetails(roles.stream().map(role -> new UnifiedRole(role.roleDefinitionId())).toList());
    }

    List<GdapRole> roles() {
      return unifiedRoles == null ? List.of() : unifiedRoles.stream()
          .map(role -> GdapRole.byId(role.roleDefinitionId())).flatMap(Optional::stream).toList();
    }
  }

  record UnifiedRole(String roleDefinitionId) {}

  /** A delegatedAdminRelationshipRequest: {@code lockForApproval} sends a created relationship to the customer. */
  record RelationshipAction(String action) {}

  /** A delegatedAdminAccessAssignment: a partner security group and the roles it gets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AccessAssignment(String id, String status, AccessContainer accessContainer, AccessDetails accessDetails) {

    List<GdapRole> roles() {
      return accessDetails == null ? List.of() : accessDetails.roles();
    }
  }

  record AccessContainer(String accessContainerId, String accessContainerType) {}

  /** Entra's OpenID metadata of a tenant, found by any of its domains; both URLs name the tenant id. */
  record SignInMetadata(String issuer, @JsonProperty("token_endpoint") String tokenEndpoint) {}
}
