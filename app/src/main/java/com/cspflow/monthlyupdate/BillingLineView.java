package com.cspflow.monthlyupdate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** One line of a period's billing material: what a partner's customer is billed for one subscription. */
@JsonPropertyOrder({"period", "partnerId", "organizationId", "subscriptionId", "catalogItemId", "product", "quantity",
    "unitPrice", "amount", "currency", "termDuration", "billingCycle"})
public record BillingLineView(String period, String partnerId, String organizationId, String subscriptionId,
    String catalogItemId, String product, int quantity, BigDecimal unitPrice, BigDecimal amount, String currency,
    String termDuration, String billingCycle) {}
