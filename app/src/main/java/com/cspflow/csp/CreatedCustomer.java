package com.cspflow.csp;

public record CreatedCustomer(String tenantId, String domain, String adminUserName) {}
