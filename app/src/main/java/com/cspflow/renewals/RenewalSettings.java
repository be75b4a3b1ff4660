package com.cspflow.renewals;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When partners hear of their customers' renewals: a notice the given numbers of days before each renewal
 * ({@code cspflow.renewals.notice-days}, default 30 and 7), sent by a daily run at {@code notice-hour} in the pinned
 * zone. The model reads {@code ${renewalSettings.schedule}} (a 6-field cron) for its timer.
 */
@Component("renewalSettings")
public class RenewalSettings {

  private final List<Integer> noticeDays;
  private final int noticeHour;

  public RenewalSettings(@Value("${cspflow.renewals.notice-days}") String noticeDays,
      @Value("${cspflow.renewals.notice-hour}") int noticeHour) {
    this.noticeDays = Arrays.stream(noticeDays.split(",")).map(String::trim).map(Integer::valueOf).sorted()
        .distinct().toList();
    if (this.noticeDays.isEmpty() || this.noticeDays.get(0) < 1
        || this.noticeDays.get(this.noticeDays.size() - 1) > 365) {
      throw new IllegalArgumentException("cspflow.renewals.notice-days must be days from 1 to 365, e.g. 30,7");
    }
    if (noticeHour < 0 || noticeHour > 23) {
      throw new IllegalArgumentException("cspflow.renewals.notice-hour must be 0 to 23");
    }
    this.noticeHour = noticeHour;
  }

  /** Seconds, minutes, hours, day of month, month, day of week: every day at {@code notice-hour}:00. */
  public String getSchedule() {
    return "0 0 " + noticeHour + " * * ?";
  }

  /** The days before a renewal at which a notice is due, fewest first. */
  List<Integer> noticeDays() {
    return noticeDays;
  }

  /** The notice due {@code daysLeft} days before a renewal: the nearest threshold not below it, if any. */
  java.util.OptionalInt noticeFor(long daysLeft) {
    return noticeDays.stream().filter(days -> daysLeft <= days).mapToInt(Integer::intValue).findFirst();
  }
}
