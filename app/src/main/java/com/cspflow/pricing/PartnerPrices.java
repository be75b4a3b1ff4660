package com.cspflow.pricing;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.pricing.Margin.AppliesTo;
import com.cspflow.pricing.MarginRepository.PartnerMargin;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What a partner pays: Microsoft's price (the cost) plus the margin that applies to the product. The most specific
 * of the partner's margins applies (the product's, then its product group's, then the partner's own); without any,
 * the marketplace's default percentage ({@code CSPFLOW_DEFAULT_MARGIN_PERCENT}).
 */
@Service
public class PartnerPrices {

  private final MarginRepository margins;
  private final Margin marketplaceDefault;

  public PartnerPrices(MarginRepository margins,
      @Value("${cspflow.pricing.default-margin-percent:0}") BigDecimal defaultMarginPercent) {
    this.margins = margins;
    this.marketplaceDefault = Margin.marketplaceDefault(defaultMarginPercent);
  }

  public Margin marketplaceDefault() {
    return marketplaceDefault;
  }

  /** The prices of one partner. */
  public Pricer forPartner(String partnerId) {
    return new Pricer(Map.of(partnerId, margins.ofPartner(partnerId)), marketplaceDefault);
  }

  /** The partner of a customer organization with its prices, in one read; empty for an unknown organization. */
  public Optional<CustomersPrices> forCustomer(String organizationId) {
    return margins.ofCustomer(organizationId).map(found -> new CustomersPrices(found.partnerId(),
        new Pricer(Map.of(found.partnerId(), found.margins()), marketplaceDefault)));
  }

  /** A customer's partner and that partner's prices. */
  public record CustomersPrices(String partnerId, Pricer pricer) {
    public Margin marginOf(CatalogOffer offer) {
      return pricer.marginOf(partnerId, offer);
    }
  }

  /** The prices of several partners (one read for a chunk of the monthly update). */
  public Pricer forPartners(Collection<String> partnerIds) {
    Map<String, List<Margin>> byPartner = new HashMap<>();
    for (PartnerMargin margin : margins.ofPartners(partnerIds)) {
      byPartner.computeIfAbsent(margin.partnerId(), p -> new ArrayList<>()).add(margin.margin());
    }
    return new Pricer(byPartner, marketplaceDefault);
  }

  /** Prices for the partners whose margins it holds. */
  public static final class Pricer {

    private final Map<String, List<Margin>> margins;
    private final Margin marketplaceDefault;

    public Pricer(Map<String, List<Margin>> margins, Margin marketplaceDefault) {
      this.margins = margins;
      this.marketplaceDefault = marketplaceDefault;
    }

    /** The margin that applies to {@code offer} for the partner. */
    public Margin marginOf(String partnerId, CatalogOffer offer) {
      Margin partnerWide = null;
      Margin productGroup = null;
      for (Margin margin : margins.getOrDefault(partnerId, List.of())) {
        if (margin.appliesTo() == AppliesTo.PRODUCT && margin.target().equals(offer.catalogItemId())) {
          return margin;
        }
        if (margin.appliesTo() == AppliesTo.PRODUCT_GROUP && margin.target().equals(offer.productGroup())) {
          productGroup = margin;
        }
        if (margin.appliesTo() == AppliesTo.PARTNER) {
          partnerWide = margin;
        }
      }
      return productGroup != null ? productGroup : partnerWide != null ? partnerWide : marketplaceDefault;
    }

    /**
     * One seat for a month of {@code offer} on {@code termDuration} billed {@code billingCycle}, on {@code day}:
     * Microsoft's price and the partner's; empty where Microsoft's price sheet gives none.
     */
    public Optional<Price> price(String partnerId, CatalogOffer offer, String termDuration, String billingCycle,
        LocalDate day) {
      return offer.unitPrice(termDuration, billingCycle, day).map(cost -> {
        Margin margin = marginOf(partnerId, offer);
        return new Price(cost, margin.salePrice(cost), offer.currency(), margin);
      });
    }
  }

  /** A seat's monthly price: Microsoft's (cost) and the partner's (sale), with the margin that made it. */
  public record Price(BigDecimal cost, BigDecimal sale, String currency, Margin margin) {}
}
