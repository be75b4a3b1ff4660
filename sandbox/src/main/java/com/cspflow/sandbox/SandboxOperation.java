package com.cspflow.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a Partner Center endpoint of the sandbox (the name is what fault injection is configured by) and the grant
 * Microsoft requires for it, which {@link SandboxInterceptor} enforces: an app-only token on an {@link Grant#APP_USER}
 * operation is answered 403 (600006). The grants are those of each operation's page on learn.microsoft.com
 * (digest: /work/shared/partner-center.md, "Access"):
 *
 * <table>
 *   <caption>Operations and their grants</caption>
 *   <tr><th>name</th><th>call</th><th>grant</th></tr>
 *   <tr><td>verify-partner</td><td>GET /v1/profiles/mpn?mpnId=</td><td>app+user</td></tr>
 *   <tr><td>check-domain</td><td>HEAD /v1/domains/{domain}</td><td>app-only or app+user</td></tr>
 *   <tr><td>create-customer</td><td>POST /v1/customers</td><td>app-only or app+user</td></tr>
 *   <tr><td>find-customers</td><td>GET /v1/customers</td><td>app-only or app+user</td></tr>
 *   <tr><td>relationship-link</td><td>GET /v1/customers/relationshiprequests</td><td>app+user</td></tr>
 *   <tr><td>agreement-templates</td><td>GET /v1/agreements</td><td>app+user</td></tr>
 *   <tr><td>confirm-agreement</td><td>POST /v1/customers/{id}/agreements</td><td>app+user</td></tr>
 *   <tr><td>catalog</td><td>GET /v1/products?country=&amp;targetView=&amp;targetSegment=,
 *       /v1/products/{id}/skus?country=, /v1/products/{id}/skus/{skuId}/availabilities?country=</td>
 *       <td>app-only or app+user</td></tr>
 *   <tr><td>price-sheet</td><td>GET /v1.0/sales/pricesheets(Market='{m}',PricesheetView='updatedlicensebased')/$value
 *       </td><td>app+user</td></tr>
 *   <tr><td>create-cart</td><td>POST /v1/customers/{id}/carts</td><td>app-only or app+user</td></tr>
 *   <tr><td>checkout</td><td>POST /v1/customers/{id}/carts/{cartId}/checkout</td><td>app-only or app+user</td></tr>
 *   <tr><td>list-orders</td><td>GET /v1/customers/{id}/orders</td><td>app-only or app+user</td></tr>
 *   <tr><td>get-order</td><td>GET /v1/customers/{id}/orders/{orderId}</td><td>app-only or app+user</td></tr>
 *   <tr><td>list-subscriptions</td><td>GET /v1/customers/{id}/subscriptions</td><td>app-only or app+user</td></tr>
 *   <tr><td>get-subscription</td><td>GET /v1/customers/{id}/subscriptions/{subId}</td>
 *       <td>app-only or app+user</td></tr>
 *   <tr><td>change-quantity</td><td>PATCH /v1/customers/{id}/subscriptions/{subId}</td>
 *       <td>app-only or app+user</td></tr>
 *   <tr><td>list-users</td><td>GET /v1/customers/{id}/users</td><td>app+user</td></tr>
 *   <tr><td>reset-password</td><td>PATCH /v1/customers/{id}/users/{userId}</td><td>app+user</td></tr>
 * </table>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface SandboxOperation {

  /** The credentials Microsoft accepts for an operation. */
  enum Grant {
    /** Client credentials, or a partner user's token (Secure Application Model). */
    APP_ONLY_OR_APP_USER,
    /** Only a partner user's token from a consent made with MFA. */
    APP_USER
  }

  String value();

  Grant grant();
}
