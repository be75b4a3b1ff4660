package com.cspflow.catalogorder;

import com.cspflow.catalog.CatalogService;
import com.cspflow.catalogorder.CatalogOrderCommands.ChosenProduct;
import com.cspflow.catalogorder.OrderChoices.BillingPlan;
import com.cspflow.catalogorder.OrderChoices.Product;
import com.cspflow.catalogorder.OrderChoices.ProductGroup;
import com.cspflow.catalogorder.OrderChoices.Term;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.ordering.OrderRepository;
import com.cspflow.ordering.OrderSubscription;
import com.cspflow.ordering.OrderingService;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.api.ProcessStarter;
import com.cspflow.pricing.PartnerPrices;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * "Order from the catalog": the choices a person has today for a customer (what the local catalog sells, priced for
 * the customer's partner), and the order of the one chosen, checked and started as any order over the API.
 */
@Service
public class CatalogOrderService {

  public static final String PROCESS_KEY = "orderFromCatalog";
  private static final Comparator<String> SHORTEST_TERM_FIRST = Comparator.comparingLong(
      term -> term.matches("P\\d+[MY]") ? Period.parse(term).toTotalMonths() : Long.MAX_VALUE);

  private final OrderingService ordering;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final ProcessStarter processes;
  private final Clock clock;

  public CatalogOrderService(OrderingService ordering, CatalogService catalog, PartnerPrices prices,
      ProcessStarter processes, Clock clock) {
    this.ordering = ordering;
    this.catalog = catalog;
    this.prices = prices;
    this.processes = processes;
    this.clock = clock;
  }

  /**
   * What the customer may order today, with the partner's prices; a 400 naming {@code organizationId} when the
   * customer may not order at all (unknown, no Microsoft 365, agreement not confirmed).
   */
  public OrderChoices choicesFor(String organizationId) {
    OrderRepository.Customer customer = ordering.customerWhoMayOrder(organizationId);
    PartnerPrices.Pricer pricer = prices.forPartner(customer.partnerId());
    LocalDate today = LocalDate.now(clock);
    List<CatalogOffer> offers = catalog.offersForSale().stream()
        .sorted(Comparator.comparing(CatalogOffer::category).thenComparing(CatalogOffer::productGroup)
            .thenComparing(CatalogOffer::productName))
        .toList();
    Set<String> categories = new LinkedHashSet<>();
    Set<ProductGroup> groups = new LinkedHashSet<>();
    List<Product> products = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    List<BillingPlan> plans = new ArrayList<>();
    for (CatalogOffer offer : offers) {
      String item = offer.catalogItemId();
      categories.add(offer.category());
      groups.add(new ProductGroup(offer.productGroup(), offer.productGroup(), offer.category()));
      products.add(new Product("%s (%d-%d seats)".formatted(offer.productName(), offer.minimumQuantity(),
          offer.maximumQuantity()), item, offer.category(), offer.productGroup()));
      for (String term : offer.termDurations().stream().sorted(SHORTEST_TERM_FIRST).toList()) {
        terms.add(new Term(termInWords(term), term, item));
        for (String billingCycle : offer.billingCycles(term)) {
          Optional<PartnerPrices.Price> price = pricer.price(customer.partnerId(), offer, term, billingCycle, today);
          String label = billedInWords(billingCycle) + price
              .map(p -> ": " + p.sale().toPlainString() + " " + p.currency() + " a seat a month (Microsoft "
                  + p.cost().toPlainString() + ")")
              .orElse(": no price on Microsoft's price sheet today");
          plans.add(new BillingPlan(label, billingCycle, item, term,
              price.map(PartnerPrices.Price::sale).orElse(null), price.map(PartnerPrices.Price::cost).orElse(null)));
        }
      }
    }
    String currency = offers.stream().map(CatalogOffer::currency).filter(c -> c != null).findFirst().orElse("");
    return new OrderChoices(customer.name(), customer.partnerId(), currency, List.copyOf(categories),
        List.copyOf(groups), products, terms, plans);
  }

  /**
   * Orders the chosen product for the customer as the signed-in person: checked as an order over the API is, then
   * started as "Order subscription" (whose first step stores it). Returns the order's id; a refusal is
   * {@link OrderRefused} with the reasons, and nothing is started.
   */
  public String order(String organizationId, ChosenProduct chosen) {
    OrderSubscription order = chosen.forCustomer(organizationId);
    try {
      ordering.check(order);
    } catch (InvalidProcessInput refused) {
      throw new OrderRefused(refused.problems());
    } catch (ConflictingProcessInput refused) {
      throw new OrderRefused(refused.problems());
    }
    // As over the API, the order's fields stay in its row: the instance keeps none of them as variables.
    return processes.startKeepingNoVariables(OrderingService.PROCESS_KEY, order);
  }

  /** Why the chosen order was not placed: field to problem. */
  public static final class OrderRefused extends RuntimeException {

    OrderRefused(Map<String, String> problems) {
      super(problems.entrySet().stream().map(p -> p.getKey() + " " + p.getValue())
          .collect(Collectors.joining("; ")));
    }
  }

  private static String termInWords(String term) {
    return switch (term) {
      case "P1M" -> "1 month";
      case "P1Y" -> "1 year";
      case "P3Y" -> "3 years";
      default -> term;
    };
  }

  private static String billedInWords(String billingCycle) {
    return switch (billingCycle) {
      case "monthly" -> "Billed monthly";
      case "annual" -> "Billed annually";
      case "triennial" -> "Billed every 3 years";
      default -> "Billed " + billingCycle;
    };
  }
}
