package com.cspflow.monthlyupdate;

/** A customer whose subscriptions the run could not read, with the CSP's answer. */
public record FailedCustomerView(String organizationId, String failure) {}
