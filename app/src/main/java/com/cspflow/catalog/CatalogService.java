package com.cspflow.catalog;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspTechnicalException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog of offers as Microsoft publishes it, kept locally: refreshed on a schedule, on demand, and at
 * start-up when there is none yet. Orders and the price list read the local copy.
 *
 * <p>An offer looked up by id (each order checks and prices its product, and its charge line prices it again) is
 * kept in memory for {@link #OFFER_KEPT_FOR}: a refresh on this node drops every kept offer once it has committed; a
 * refresh on another node, or a lookup already under way while this node's refresh commits, reaches lookups within that
 * time (the catalog changes nightly, and Microsoft refuses an order for a product it has just withdrawn, which makes
 * the order Failed with its reason). An id the catalog does not hold is not kept: a product new in the catalog can be
 * ordered as soon as the refresh that brought it has committed.
 */
@Service
public class CatalogService {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

  static final Duration OFFER_KEPT_FOR = Duration.ofSeconds(30);

  private final CatalogRepository catalog;
  private final CspPort csp;
  private final Clock clock;
  private final Cache<String, CatalogOffer> offersById = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(OFFER_KEPT_FOR).build();

  public CatalogService(CatalogRepository catalog, CspPort csp, Clock clock) {
    this.catalog = catalog;
    this.csp = csp;
    this.clock = clock;
  }

  /**
   * At start-up ({@link com.cspflow.platform.cluster.StartupTasks}), when there is no catalog yet. A node that cannot
   * reach Partner Center still starts; the nightly or an asked-for refresh loads it.
   */
  public void loadWhenEmpty() {
    if (catalog.count() == 0) {
      try {
        refresh();
      } catch (CspTechnicalException unreachable) {
        LOG.warn("The catalog is empty and could not be loaded from Partner Center now: {}", unreachable.getMessage());
      }
    }
  }

  @Scheduled(cron = "${cspflow.catalog.refresh-cron}")
  public void scheduledRefresh() {
    refresh();
  }

  /**
   * Brings the local catalog up to Microsoft's: offers it lists are stored with their prices (history kept), offers
   * it no longer lists are marked withdrawn. Running it twice changes nothing. Returns how many offers are for sale.
   */
  @Transactional
  public int refresh() {
    // Databases keep micro- or milliseconds; a finer "now" would make every row look older than itself.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<CatalogOffer> offers = csp.catalog();
    if (offers.isEmpty()) {
      throw new CspTechnicalException("Partner Center listed no products; the local catalog is kept as it is");
    }
    int prices = offers.stream().mapToInt(offer -> catalog.save(offer, now)).sum();
    int withdrawn = catalog.markWithdrawnWhenNotRefreshedSince(now, LocalDate.ofInstant(now, clock.getZone()));
    dropKeptOffersOnceCommitted();
    LOG.info("Catalog refreshed: {} offers, {} prices new or changed, {} withdrawn from Microsoft's catalog",
        offers.size(), prices, withdrawn);
    return offers.size();
  }

  /** Every offer, those withdrawn from Microsoft's catalog included: their subscriptions are still billed. */
  public List<CatalogOffer> offers() {
    return catalog.all();
  }

  /** The offers Microsoft sells today. */
  public List<CatalogOffer> offersForSale() {
    return catalog.all().stream().filter(offer -> !offer.withdrawn()).toList();
  }

  public Optional<CatalogOffer> offer(String catalogItemId) {
    CatalogOffer kept = offersById.getIfPresent(catalogItemId);
    if (kept != null) {
      return Optional.of(kept);
    }
    Optional<CatalogOffer> offer = catalog.find(catalogItemId);
    offer.ifPresent(found -> offersById.put(catalogItemId, found));
    return offer;
  }

  private void dropKeptOffersOnceCommitted() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          offersById.invalidateAll();
        }
      });
    } else {
      offersById.invalidateAll();
    }
  }
}
