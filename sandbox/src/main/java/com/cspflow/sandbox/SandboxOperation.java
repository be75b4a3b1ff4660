package com.cspflow.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a Partner Center endpoint of the sandbox for fault injection, and says whether Microsoft requires
 * app+user credentials for it. Names: verify-partner, check-domain, create-customer, agreement-templates,
 * confirm-agreement, relationship-link, find-customers, catalog, create-cart, checkout, list-orders, get-order,
 * list-subscriptions, get-subscription, change-quantity, list-users, reset-password.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface SandboxOperation {

  String value();

  boolean appAndUser() default false;
}
