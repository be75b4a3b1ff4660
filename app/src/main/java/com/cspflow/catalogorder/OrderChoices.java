package com.cspflow.catalogorder;

import java.math.BigDecimal;
import java.util.List;

/**
 * What "Choose product, term and seats" offers, as its form reads it: each list is one of the form's fields' options
 * ({@code label}, {@code value}), with the fields it depends on ({@code inCategory}, {@code inGroup},
 * {@code ofProduct}, {@code ofTerm}) so that the form filters each list by what was chosen before it.
 */
record OrderChoices(
    String organizationName,
    String partnerId,
    String currency,
    List<String> categories,
    List<ProductGroup> productGroups,
    List<Product> products,
    List<Term> terms,
    List<BillingPlan> billingPlans) {

  record ProductGroup(String label, String value, String inCategory) {}

  record Product(String label, String value, String inCategory, String inGroup) {}

  record Term(String label, String value, String ofProduct) {}

  /**
   * A billing plan of a product's term with the partner's price per seat and month ({@code seatMonthly}, null where
   * Microsoft's price sheet gives none today) and Microsoft's ({@code costMonthly}).
   */
  record BillingPlan(String label, String value, String ofProduct, String ofTerm, BigDecimal seatMonthly,
      BigDecimal costMonthly) {}
}
