package com.cspflow.renewals;

import com.cspflow.partnersetup.Partner;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.mail.NotificationMail;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The notices partners get before their customers' renewals: one per subscription, term and threshold (by default
 * 30 and 7 days before), each sent once, however often the daily run runs; the nearest threshold only, so a
 * subscription first seen 5 days before its renewal gets the 7-day notice and no 30-day one afterwards.
 */
@Service
public class RenewalNotices {

  private static final Logger LOG = LoggerFactory.getLogger(RenewalNotices.class);

  private final RenewalCalendar calendar;
  private final RenewalSettings settings;
  private final PartnerRepository partners;
  private final NotificationMail mail;

  public RenewalNotices(RenewalCalendar calendar, RenewalSettings settings, PartnerRepository partners,
      NotificationMail mail) {
    this.calendar = calendar;
    this.settings = settings;
    this.partners = partners;
    this.mail = mail;
  }

  /** Sends the notices that are due and were not sent before; the number of renewals looked at. */
  public int sendDue() {
    int farthest = settings.noticeDays().get(settings.noticeDays().size() - 1);
    int considered = 0;
    Map<String, Optional<Partner>> partnersSeen = new HashMap<>();
    for (Renewal renewal : calendar.upcoming(Optional.empty(), Duration.ofDays(farthest + 1L))) {
      OptionalInt due = settings.noticeFor(renewal.daysLeft());
      if (due.isEmpty()) {
        continue;
      }
      Optional<Partner> partner = partnersSeen.computeIfAbsent(renewal.partnerId(), partners::find);
      if (partner.isEmpty() || partner.get().contactEmail() == null) {
        continue;
      }
      considered++;
      mail.sendOnce("renewal-notice", renewal.subscriptionId() + "." + renewal.renewsOn() + "." + due.getAsInt() + "d",
          partner.get().contactEmail(), subject(renewal), body(renewal, partner.get()));
    }
    LOG.info("Renewal notices: {} renewals within {} days looked at", considered, farthest);
    return considered;
  }

  private static String subject(Renewal renewal) {
    String what = renewal.outcome() == Renewal.Outcome.ENDS ? "Ends" : "Renews";
    return what + " on " + renewal.renewsOn() + ": " + renewal.product() + " for " + renewal.customer();
  }

  private static String body(Renewal r, Partner partner) {
    StringBuilder text = new StringBuilder("Hello " + partner.contactName() + ",\n\n");
    String subscription = r.product() + " (subscription " + r.subscriptionId() + ") of your customer " + r.customer();
    String now = r.quantity() + " seats on a " + r.termDuration() + " term billed " + r.billingCycle();
    switch (r.outcome()) {
      case ENDS -> text.append(subscription).append(" ends on ").append(r.renewsOn()).append(", in ")
          .append(r.daysLeft()).append(" days: auto-renew is off. It has ").append(now).append(".\n");
      case RENEWS -> {
        text.append(subscription).append(" renews on ").append(r.renewsOn()).append(", in ").append(r.daysLeft())
            .append(" days. It has ").append(now).append(".\n");
        text.append(r.changeScheduled() ? "Scheduled for the renewal: " : "It renews as it is: ")
            .append(r.nextQuantity()).append(" seats of ").append(r.nextProduct()).append(" on a ")
            .append(r.nextTermDuration()).append(" term billed ").append(r.nextBillingCycle());
        if (r.nextUnitPrice() != null) {
          text.append(", at ").append(r.nextUnitPrice()).append(' ').append(r.currency())
              .append(" per seat and month (").append(r.nextMonthlyAmount()).append(' ').append(r.currency())
              .append(" a month)");
        }
        text.append(".\n");
      }
      case UNKNOWN -> text.append(subscription).append(" reaches the end of its term on ").append(r.renewsOn())
          .append(", in ").append(r.daysLeft()).append(" days. It has ").append(now)
          .append(". Microsoft has not told us yet whether it renews by itself.\n");
    }
    text.append("\nTo change the seats, term, billing or product for the next term, or to let it end at renewal, ")
        .append("ask the marketplace's back office before ").append(r.renewsOn())
        .append(". After the renewal, seats can be removed only within 7 days.\n")
        .append("All coming renewals: GET /api/partners/").append(r.partnerId()).append("/renewals?within=P30D\n");
    return text.toString();
  }
}
