package com.cspflow.renewals;

import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.pricing.PartnerPrices;
import com.cspflow.pricing.PartnerPrices.Price;
import com.cspflow.pricing.PartnerPrices.Pricer;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What renews when: the active subscriptions whose term ends within a window, with their next term and its price. */
@Service
public class RenewalCalendar {

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final Clock clock;

  public RenewalCalendar(JdbcClient jdbc, CatalogService catalog, PartnerPrices prices, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.prices = prices;
    this.clock = clock;
  }

  /** Renewals from now to {@code within} from now, soonest first; of one partner, or of all when empty. */
  public List<Renewal> upcoming(Optional<String> partnerId, Duration within) {
    Instant now = clock.instant();
    JdbcClient.StatementSpec query = jdbc.sql("""
            SELECT s.*, o.partner_id, o.name AS customer_name FROM subscription s
            JOIN organization o ON o.id = s.organization_id
            WHERE s.status = 'ACTIVE' AND s.commitment_end_date >= :now AND s.commitment_end_date < :until
            """ + (partnerId.isPresent() ? "AND o.partner_id = :partnerId " : "")
            + "ORDER BY s.commitment_end_date, s.id")
        .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(within)));
    if (partnerId.isPresent()) {
      query = query.param("partnerId", partnerId.get());
    }
    List<Renewing> renewing = query.query((rs, row) -> new Renewing(rs.getString("partner_id"),
        rs.getString("customer_name"), SubscriptionRepository.map(rs, row))).list();
    Pricer pricer = prices.forPartners(renewing.stream().map(Renewing::partnerId).distinct().toList());
    LocalDate today = LocalDate.now(clock);
    return renewing.stream().map(r -> renewal(r, pricer, today)).toList();
  }

  private Renewal renewal(Renewing renewing, Pricer pricer, LocalDate today) {
    Subscription s = renewing.subscription();
    LocalDate renewsOn = LocalDate.ofInstant(s.commitmentEndDate(), clock.getZone());
    Renewal.Outcome outcome = s.autoRenewEnabled() == null ? Renewal.Outcome.UNKNOWN
        : s.autoRenewEnabled() ? Renewal.Outcome.RENEWS : Renewal.Outcome.ENDS;
    Subscription.NextTerm next = s.scheduledNextTerm() != null ? s.scheduledNextTerm()
        : new Subscription.NextTerm(s.catalogItemId(), s.quantity(), s.termDuration(), s.billingCycle());
    Optional<CatalogOffer> nextOffer = catalog.offer(next.catalogItemId());
    Price price = outcome == Renewal.Outcome.ENDS ? null : nextOffer
        .flatMap(offer -> pricer.price(renewing.partnerId(), offer, next.termDuration(), next.billingCycle(),
            renewsOn)).orElse(null);
    boolean ends = outcome == Renewal.Outcome.ENDS;
    return new Renewal(renewsOn, ChronoUnit.DAYS.between(today, renewsOn), outcome, renewing.partnerId(),
        s.organizationId(), renewing.customer(), s.id(), s.offerName(), s.catalogItemId(), s.quantity(),
        s.termDuration(), s.billingCycle(), s.scheduledNextTerm() != null,
        ends ? null : nextOffer.map(CatalogOffer::productName).orElse(next.catalogItemId()),
        ends ? null : next.catalogItemId(), ends ? null : next.quantity(), ends ? null : next.termDuration(),
        ends ? null : next.billingCycle(), price == null ? null : price.sale(),
        price == null ? null : price.sale().multiply(BigDecimal.valueOf(next.quantity())),
        price == null ? null : price.currency());
  }

  private record Renewing(String partnerId, String customer, Subscription subscription) {}
}
