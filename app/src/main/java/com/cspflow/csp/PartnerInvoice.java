package com.cspflow.csp;

import java.time.LocalDate;

/** One of the partner's invoices from Microsoft: the billing period it covers, both days included. */
public record PartnerInvoice(String id, LocalDate billingPeriodStart, LocalDate billingPeriodEnd, String currency) {}
