package com.cspflow.csp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One product the partner can order: new commerce's availability of a SKU ({@code catalogItemId} is
 * productId:skuId:availabilityId), the terms it is sold on with their billing plans, and Microsoft's prices for them
 * from the license-based price sheet, each in force from one date to another. {@code withdrawnOn} is the day cspflow
 * found the offer gone from Microsoft's catalog (null while listed): it is sold no more, its subscriptions are still
 * billed.
 */
public record CatalogOffer(
    String catalogItemId,
    String category,
    String productGroup,
    String productName,
    int minimumQuantity,
    int maximumQuantity,
    List<TermPlan> terms,
    String currency,
    List<CatalogPrice> prices,
    LocalDate withdrawnOn) {

  public CatalogOffer {
    terms = List.copyOf(terms);
    prices = List.copyOf(prices);
  }

  /** A term ({@code P1M}, {@code P1Y}, {@code P3Y}) and how it is billed ({@code monthly}, {@code annual}, ...). */
  public record TermPlan(String termDuration, String billingCycle) {}

  /**
   * A row of Microsoft's price sheet: one seat for one billing period (an annual plan's price is a year's), from
   * {@code effectiveFrom} to {@code effectiveTo} inclusive (null: no end announced).
   */
  public record CatalogPrice(String termDuration, String billingCycle, BigDecimal unitPrice, LocalDate effectiveFrom,
      LocalDate effectiveTo) {

    public boolean appliesOn(LocalDate day) {
      return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
    }

    /** One seat for one month, to the cent: how cspflow bills every plan. */
    public BigDecimal monthlyUnitPrice() {
      return unitPrice.divide(BigDecimal.valueOf(monthsBilled(billingCycle)), 2, RoundingMode.HALF_UP);
    }

    private static int monthsBilled(String billingCycle) {
      return switch (billingCycle) {
        case "annual" -> 12;
        case "triennial" -> 36;
        default -> 1;
      };
    }
  }

  public List<String> termDurations() {
    return terms.stream().map(TermPlan::termDuration).distinct().toList();
  }

  public List<String> billingCycles() {
    return terms.stream().map(TermPlan::billingCycle).distinct().toList();
  }

  /** The billing plans {@code termDuration} is sold with. */
  public List<String> billingCycles(String termDuration) {
    return terms.stream().filter(t -> t.termDuration().equals(termDuration)).map(TermPlan::billingCycle).toList();
  }

  public boolean sells(String termDuration, String billingCycle) {
    return terms.contains(new TermPlan(termDuration, billingCycle));
  }

  public boolean withdrawn() {
    return withdrawnOn != null;
  }

  public CatalogOffer withWithdrawnOn(LocalDate day) {
    return new CatalogOffer(catalogItemId, category, productGroup, productName, minimumQuantity, maximumQuantity,
        terms, currency, prices, day);
  }

  /** What a seat costs per month on {@code termDuration} billed {@code billingCycle} on {@code day}, if known. */
  public Optional<BigDecimal> unitPrice(String termDuration, String billingCycle, LocalDate day) {
    return price(termDuration, billingCycle, day).map(CatalogPrice::monthlyUnitPrice);
  }

  /** The price sheet's row in force on {@code day}; of two, the one in force since later (a correction). */
  public Optional<CatalogPrice> price(String termDuration, String billingCycle, LocalDate day) {
    return prices.stream()
        .filter(p -> p.termDuration().equals(termDuration) && p.billingCycle().equals(billingCycle))
        .filter(p -> p.appliesOn(day)).max(Comparator.comparing(CatalogPrice::effectiveFrom));
  }
}
