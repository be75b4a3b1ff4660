package com.cspflow.monthlyupdate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One line of a period's billing material: what a partner is billed for one subscription of its customer (unit price
 * and amount: the partner's price), and what Microsoft charges the marketplace for it (the cost).
 */
@JsonPropertyOrder({"period", "partnerId", "organizationId", "subscriptionId", "catalogItemId", "product", "quantity",
    "unitPrice", "amount", "currency", "termDuration", "billingCycle", "costUnitPrice", "costAmount", "marginAmount"})
public record BillingLineView(String period, String partnerId, String organizationId, String subscriptionId,
    String catalogItemId, String product, int quantity, BigDecimal unitPrice, BigDecimal amount, String currency,
    String termDuration, String billingCycle, BigDecimal costUnitPrice, BigDecimal costAmount) {

  /** What the marketplace keeps of the line: the partner's amount less Microsoft's. */
  @JsonProperty
  public BigDecimal marginAmount() {
    return costAmount == null ? null : amount.subtract(costAmount);
  }
}
