package com.cspflow.csp;

/**
 * A new customer tenant. {@code email} becomes the first administrator's alternative email address.
 * {@code country} is an ISO 3166 alpha-2 code; {@code phoneNumber} in international form.
 */
public record NewCustomer(
    String domainPrefix,
    String companyName,
    String firstName,
    String lastName,
    String email,
    String phoneNumber,
    String addressLine1,
    String postalCode,
    String city,
    String country,
    String culture,
    String language) {}
