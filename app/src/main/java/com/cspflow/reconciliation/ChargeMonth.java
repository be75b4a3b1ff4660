package com.cspflow.reconciliation;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A billing month as charge lines are selected by: those that start from its first day (00:00 UTC, as Microsoft's
 * charge dates are) to the next month's first day, exclusive.
 */
record ChargeMonth(YearMonth month) {

  static ChargeMonth of(String period) {
    return new ChargeMonth(YearMonth.parse(period));
  }

  Timestamp from() {
    return Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  Timestamp to() {
    return Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
