package com.cspflow.csp;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of Microsoft's billing reconciliation (Graph's billed or unbilled export): what Microsoft charges the
 * partner for one subscription, why ({@code chargeType}: new, cycleCharge, addQuantity, removeQuantity,
 * cancelImmediate, renew, ...), for which days ({@code chargeStart} to {@code chargeEnd}, both included), and how
 * much: {@code unitPrice} is one seat for the whole billing cycle, {@code subtotal} what the line costs (negative for
 * a credit). {@code invoiceNumber} is empty for an unbilled line.
 */
public record MicrosoftCharge(String tenantId, String subscriptionId, String orderId, String catalogItemId,
    String product, String chargeType, LocalDate chargeStart, LocalDate chargeEnd, int quantity, BigDecimal unitPrice,
    BigDecimal effectiveUnitPrice, BigDecimal subtotal, String currency, String billingFrequency,
    String termAndBillingCycle, String invoiceNumber) {}
