package com.cspflow.catalog;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspTechnicalException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog of offers as Microsoft publishes it, kept locally: refreshed on a schedule, on demand, and at
 * start-up when there is none yet. Orders and the price list read the local copy.
 */
@Service
public class CatalogService {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

  private final CatalogRepository catalog;
  private final CspPort csp;
  private final Clock clock;

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

  /** Replaces the local catalog with Microsoft's; returns how many offers it has. */
  @Transactional
  public int refresh() {
    // Databases keep micro- or milliseconds; a finer "now" would make every row look older than itself.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<CatalogOffer> offers = csp.catalog();
    offers.forEach(offer -> catalog.save(offer, now));
    int removed = catalog.deleteNotRefreshedSince(now);
    LOG.info("Catalog refreshed: {} offers, {} withdrawn", offers.size(), removed);
    return offers.size();
  }

  public List<CatalogOffer> offers() {
    return catalog.all();
  }

  public Optional<CatalogOffer> offer(String catalogItemId) {
    return catalog.find(catalogItemId);
  }
}
