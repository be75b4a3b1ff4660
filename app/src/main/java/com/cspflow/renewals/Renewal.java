package com.cspflow.renewals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A subscription's coming renewal, as the calendar shows it: what renews when and how. {@code outcome} is RENEWS
 * (auto-renew on: the next term as scheduled, or as it is), ENDS (auto-renew off) or UNKNOWN (Microsoft has not told
 * us yet whether it renews: the next monthly update or order reads it). The next term's price is the partner's price
 * per seat and month from its price list, and the month's amount at the next term's seats; both are empty when it
 * ends or the catalog no longer holds the product or term.
 */
@JsonPropertyOrder({"renewsOn", "daysLeft", "outcome", "partnerId", "organizationId", "customer", "subscriptionId",
    "product", "catalogItemId", "quantity", "termDuration", "billingCycle", "changeScheduled", "nextProduct",
    "nextCatalogItemId", "nextQuantity", "nextTermDuration", "nextBillingCycle", "nextUnitPrice",
    "nextMonthlyAmount", "currency"})
public record Renewal(
    LocalDate renewsOn,
    long daysLeft,
    Outcome outcome,
    String partnerId,
    String organizationId,
    String customer,
    String subscriptionId,
    String product,
    String catalogItemId,
    int quantity,
    String termDuration,
    String billingCycle,
    boolean changeScheduled,
    String nextProduct,
    String nextCatalogItemId,
    Integer nextQuantity,
    String nextTermDuration,
    String nextBillingCycle,
    BigDecimal nextUnitPrice,
    BigDecimal nextMonthlyAmount,
    String currency) {

  public enum Outcome { RENEWS, ENDS, UNKNOWN }
}
