package com.cspflow.csp;

import java.time.Instant;

/** Who confirmed the Microsoft Customer Agreement for the customer, and when. */
public record AgreementConfirmation(String firstName, String lastName, String email, String phoneNumber,
    Instant dateAgreed) {}
