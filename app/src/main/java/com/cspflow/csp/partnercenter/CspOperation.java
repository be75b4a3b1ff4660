package com.cspflow.csp.partnercenter;

import com.cspflow.csp.GdapRole;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Every call the client makes to Microsoft, with the grant it signs in with and the GDAP role Microsoft wants in the
 * customer's tenant: one table, so that a call cannot pick its credentials on its own. The grants are those of the
 * digest's table (/work/shared/partner-center.md, "Access") and of each operation's page on learn.microsoft.com;
 * {@code GrantsFollowMicrosoftsTableTest} compares this enum, and what the client really sends, with a transcript of
 * that table.
 *
 * <p>Where Microsoft accepts either grant, cspflow signs in app-only (client credentials): it needs no person and
 * spends no refresh token. App+user is the Secure Application Model's consent, required by the operations Microsoft
 * reserves for a partner user. Microsoft Graph's GDAP calls take a delegated or an application permission; cspflow
 * uses the consent for them (delegated), so that going live needs one consent rather than a second app permission
 * and service principal.
 *
 * <table>
 *   <caption>Operations, grants and GDAP roles</caption>
 *   <tr><th>operation</th><th>call</th><th>grant</th><th>GDAP role (any of)</th></tr>
 *   <tr><td>VERIFY_PARTNER</td><td>GET /v1/profiles/mpn?mpnId=</td><td>app+user</td><td></td></tr>
 *   <tr><td>CHECK_DOMAIN</td><td>HEAD /v1/domains/{domain}</td><td>app-only</td><td></td></tr>
 *   <tr><td>CREATE_CUSTOMER</td><td>POST /v1/customers</td><td>app-only</td><td></td></tr>
 *   <tr><td>FIND_CUSTOMERS</td><td>GET /v1/customers?filter=</td><td>app-only</td><td></td></tr>
 *   <tr><td>RELATIONSHIP_LINK</td><td>GET /v1/customers/relationshiprequests</td><td>app+user</td><td></td></tr>
 *   <tr><td>AGREEMENT_TEMPLATES</td><td>GET /v1/agreements?agreementType=</td><td>app+user</td><td></td></tr>
 *   <tr><td>CONFIRM_AGREEMENT</td><td>POST /v1/customers/{id}/agreements</td><td>app+user</td><td></td></tr>
 *   <tr><td>CATALOG_PRODUCTS, CATALOG_SKUS, CATALOG_AVAILABILITIES</td><td>GET /v1/products?country=&amp;targetView=
 *       &amp;targetSegment=, .../{productId}/skus, .../skus/{skuId}/availabilities</td><td>app-only</td><td></td></tr>
 *   <tr><td>PRICE_SHEET</td><td>GET /v1.0/sales/pricesheets(Market=,PricesheetView='updatedlicensebased')/$value
 *       </td><td>app+user</td><td></td></tr>
 *   <tr><td>CREATE_CART, CHECKOUT</td><td>POST .../carts, .../carts/{cartId}/checkout</td><td>app-only</td>
 *       <td></td></tr>
 *   <tr><td>GET_ORDER</td><td>GET .../orders/{orderId}</td><td>app-only</td><td></td></tr>
 *   <tr><td>LIST_SUBSCRIPTIONS, GET_SUBSCRIPTION, CHANGE_QUANTITY</td><td>GET, PATCH .../subscriptions</td>
 *       <td>app-only</td><td></td></tr>
 *   <tr><td>ACTIVITY_LOG</td><td>GET /v1/auditrecords?startDate=&amp;endDate=</td><td>app-only</td><td></td></tr>
 *   <tr><td>CANCEL_SUBSCRIPTION, SET_AUTO_RENEW, SCHEDULE_NEXT_TERM</td><td>PATCH .../subscriptions/{subId}
 *       (status deleted, autoRenewEnabled, scheduledNextTermInstructions)</td><td>app-only</td><td></td></tr>
 *   <tr><td>LIST_USERS</td><td>GET /v1/customers/{id}/users</td><td>app+user</td>
 *       <td>Directory Readers, Global Reader, User Administrator</td></tr>
 *   <tr><td>RESET_PASSWORD</td><td>PATCH /v1/customers/{id}/users/{userId}</td><td>app+user</td>
 *       <td>Privileged Authentication Administrator (cspflow resets the first Global Administrator only)</td></tr>
 *   <tr><td>GDAP_*</td><td>Graph /tenantRelationships/delegatedAdminRelationships...</td><td>app+user</td>
 *       <td></td></tr>
 *   <tr><td>BILLING_UNBILLED_EXPORT, BILLING_BILLED_EXPORT, BILLING_EXPORT_OPERATION</td><td>Graph POST
 *       /reports/partners/billing/reconciliation/unbilled/export, .../billed/export, GET
 *       /reports/partners/billing/operations/{id}</td><td>app+user</td><td></td></tr>
 *   <tr><td>LIST_INVOICES</td><td>GET /v1/invoices</td><td>app-only</td><td></td></tr>
 *   <tr><td>WEBHOOK_REGISTRATION, REGISTER_WEBHOOK, UPDATE_WEBHOOK</td><td>GET, POST, PUT
 *       /webhooks/v1/registration</td><td>app+user</td><td></td></tr>
 *   <tr><td>BILLING_EXPORT_FILE</td><td>GET {the manifest's rootDirectory}/{blob}?{sasToken}</td><td>none (SAS)</td>
 *       <td></td></tr>
 *   <tr><td>DISCOVER_TENANT</td><td>GET {login}/{domain}/.well-known/openid-configuration</td><td>none</td>
 *       <td></td></tr>
 * </table>
 */
enum CspOperation {

  VERIFY_PARTNER(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/profiles/mpn?mpnId={mpnId}", Grant.APP_AND_USER),
  CHECK_DOMAIN(Api.PARTNER_CENTER, HttpMethod.HEAD, "/v1/domains/{domain}", Grant.APP_ONLY),
  CREATE_CUSTOMER(Api.PARTNER_CENTER, HttpMethod.POST, "/v1/customers", Grant.APP_ONLY),
  FIND_CUSTOMERS(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers?size=20&filter={filter}", Grant.APP_ONLY),
  RELATIONSHIP_LINK(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers/relationshiprequests", Grant.APP_AND_USER),
  AGREEMENT_TEMPLATES(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/agreements?agreementType={type}",
      Grant.APP_AND_USER),
  CONFIRM_AGREEMENT(Api.PARTNER_CENTER, HttpMethod.POST, "/v1/customers/{tenantId}/agreements", Grant.APP_AND_USER),
  CATALOG_PRODUCTS(Api.PARTNER_CENTER, HttpMethod.GET,
      "/v1/products?country={country}&targetView=OnlineServicesNCE&targetSegment={segment}", Grant.APP_ONLY),
  CATALOG_SKUS(Api.PARTNER_CENTER, HttpMethod.GET,
      "/v1/products/{productId}/skus?country={country}&targetSegment={segment}", Grant.APP_ONLY),
  CATALOG_AVAILABILITIES(Api.PARTNER_CENTER, HttpMethod.GET,
      "/v1/products/{productId}/skus/{skuId}/availabilities?country={country}&targetSegment={segment}",
      Grant.APP_ONLY),
  /**
   * Microsoft serves price sheets from its Partner API, api.partner.microsoft.com (cspflow.csp.partner-api-base-url),
   * with a token for that API's own resource, and a partner user's only.
   */
  PRICE_SHEET(Api.PARTNER_API, HttpMethod.GET,
      "/v1.0/sales/pricesheets(Market='{market}',PricesheetView='updatedlicensebased')/$value"
          + "?timeline={timeline}&month={month}", Grant.APP_AND_USER),
  CREATE_CART(Api.PARTNER_CENTER, HttpMethod.POST, "/v1/customers/{tenantId}/carts", Grant.APP_ONLY),
  CHECKOUT(Api.PARTNER_CENTER, HttpMethod.POST, "/v1/customers/{tenantId}/carts/{cartId}/checkout", Grant.APP_ONLY),
  GET_ORDER(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers/{tenantId}/orders/{orderId}", Grant.APP_ONLY),
  LIST_SUBSCRIPTIONS(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers/{tenantId}/subscriptions", Grant.APP_ONLY),
  /** "Get a record of Partner Center activity": the last 90 days, by date; the client asks from a day to a day. */
  ACTIVITY_LOG(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/auditrecords?startDate={startDate}&endDate={endDate}",
      Grant.APP_ONLY),
  LIST_SUBSCRIPTIONS_OF_ORDER(Api.PARTNER_CENTER, HttpMethod.GET,
      "/v1/customers/{tenantId}/subscriptions?order_id={orderId}", Grant.APP_ONLY),
  GET_SUBSCRIPTION(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers/{tenantId}/subscriptions/{subscriptionId}",
      Grant.APP_ONLY),
  CHANGE_QUANTITY(Api.PARTNER_CENTER, HttpMethod.PATCH, "/v1/customers/{tenantId}/subscriptions/{subscriptionId}",
      Grant.APP_ONLY),
  /** The same PATCH as a quantity change; an operation of its own so that the logs and the grant table say what. */
  CANCEL_SUBSCRIPTION(Api.PARTNER_CENTER, HttpMethod.PATCH, "/v1/customers/{tenantId}/subscriptions/{subscriptionId}",
      Grant.APP_ONLY),
  SET_AUTO_RENEW(Api.PARTNER_CENTER, HttpMethod.PATCH, "/v1/customers/{tenantId}/subscriptions/{subscriptionId}",
      Grant.APP_ONLY),
  SCHEDULE_NEXT_TERM(Api.PARTNER_CENTER, HttpMethod.PATCH, "/v1/customers/{tenantId}/subscriptions/{subscriptionId}",
      Grant.APP_ONLY),
  LIST_USERS(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/customers/{tenantId}/users", Grant.APP_AND_USER,
      GdapRole.DIRECTORY_READERS, GdapRole.GLOBAL_READER, GdapRole.USER_ADMINISTRATOR),
  RESET_PASSWORD(Api.PARTNER_CENTER, HttpMethod.PATCH, "/v1/customers/{tenantId}/users/{userId}", Grant.APP_AND_USER,
      GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR),
  GDAP_LIST_RELATIONSHIPS(Api.GRAPH, HttpMethod.GET,
      "/tenantRelationships/delegatedAdminRelationships?$filter=customer/tenantId eq '{tenantId}'",
      Grant.APP_AND_USER),
  GDAP_GET_RELATIONSHIP(Api.GRAPH, HttpMethod.GET, "/tenantRelationships/delegatedAdminRelationships/{id}",
      Grant.APP_AND_USER),
  GDAP_CREATE_RELATIONSHIP(Api.GRAPH, HttpMethod.POST, "/tenantRelationships/delegatedAdminRelationships",
      Grant.APP_AND_USER),
  GDAP_LOCK_FOR_APPROVAL(Api.GRAPH, HttpMethod.POST, "/tenantRelationships/delegatedAdminRelationships/{id}/requests",
      Grant.APP_AND_USER),
  GDAP_LIST_ACCESS_ASSIGNMENTS(Api.GRAPH, HttpMethod.GET,
      "/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments", Grant.APP_AND_USER),
  GDAP_CREATE_ACCESS_ASSIGNMENT(Api.GRAPH, HttpMethod.POST,
      "/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments", Grant.APP_AND_USER),
  /** Graph's reconciliation export (permission PartnerBilling.Read.All), through the consent as the GDAP calls. */
  BILLING_UNBILLED_EXPORT(Api.GRAPH, HttpMethod.POST, "/reports/partners/billing/reconciliation/unbilled/export",
      Grant.APP_AND_USER),
  BILLING_BILLED_EXPORT(Api.GRAPH, HttpMethod.POST, "/reports/partners/billing/reconciliation/billed/export",
      Grant.APP_AND_USER),
  /** "Get a collection of invoices": the invoice ids a billed export is asked for by. */
  LIST_INVOICES(Api.PARTNER_CENTER, HttpMethod.GET, "/v1/invoices", Grant.APP_ONLY),
  BILLING_EXPORT_OPERATION(Api.GRAPH, HttpMethod.GET, "/reports/partners/billing/operations/{operationId}",
      Grant.APP_AND_USER),
  /**
   * "Partner Center webhooks": the partner's one registration, where Partner Center posts which events. Its page
   * lists partner user roles (admin, sales, helpdesk agent), so cspflow calls it through the consent.
   */
  WEBHOOK_REGISTRATION(Api.PARTNER_CENTER, HttpMethod.GET, "/webhooks/v1/registration", Grant.APP_AND_USER),
  REGISTER_WEBHOOK(Api.PARTNER_CENTER, HttpMethod.POST, "/webhooks/v1/registration", Grant.APP_AND_USER),
  UPDATE_WEBHOOK(Api.PARTNER_CENTER, HttpMethod.PUT, "/webhooks/v1/registration", Grant.APP_AND_USER),
  /** A file of an export, at the address its manifest gives: Azure Blob Storage, opened by the SAS in the address. */
  BILLING_EXPORT_FILE(Api.BILLING_STORAGE, HttpMethod.GET, "{file}", Grant.NONE),
  DISCOVER_TENANT(Api.SIGN_IN, HttpMethod.GET, "/{domain}/.well-known/openid-configuration", Grant.NONE);

  /**
   * Which of Microsoft's services answers: each has its own address, token audience, headers and error body. The
   * Partner API (api.partner.microsoft.com: price sheets) is not Partner Center's REST API: another host and another
   * token resource, Partner Center's error body.
   */
  enum Api { PARTNER_CENTER, PARTNER_API, GRAPH, SIGN_IN, BILLING_STORAGE }

  /** The credentials a call signs in with. */
  enum Grant {
    /** None: public metadata. */
    NONE,
    /** Client credentials of the app registration. */
    APP_ONLY,
    /** An access token redeemed from the partner user's consent (Secure Application Model). */
    APP_AND_USER
  }

  private final Api api;
  private final HttpMethod method;
  private final String uriTemplate;
  private final Grant grant;
  private final List<GdapRole> gdapRoles;

  CspOperation(Api api, HttpMethod method, String uriTemplate, Grant grant, GdapRole... gdapRoles) {
    this.api = api;
    this.method = method;
    this.uriTemplate = uriTemplate;
    this.grant = grant;
    this.gdapRoles = List.of(gdapRoles);
  }

  Api api() {
    return api;
  }

  HttpMethod method() {
    return method;
  }

  /** Relative to the API's base address; {@code {name}} placeholders are filled, in order, and encoded. */
  String uriTemplate() {
    return uriTemplate;
  }

  Grant grant() {
    return grant;
  }

  /** The roles in the customer's tenant any one of which lets the partner user make this call; empty: none needed. */
  List<GdapRole> gdapRoles() {
    return gdapRoles;
  }
}
