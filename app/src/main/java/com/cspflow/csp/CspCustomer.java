package com.cspflow.csp;

public record CspCustomer(String tenantId, String domain, String companyName) {}
