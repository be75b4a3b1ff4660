package com.cspflow.renewals;

import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.api.Csv;
import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.api.PartnerAccess;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The renewal calendar: which subscriptions renew (or end) within a window, at what seats, term and price, with the
 * changes scheduled for the next term. JSON, or CSV with {@code Accept: text/csv}.
 */
@RestController
@Tag(name = "Renewals", description = "What renews when, and the notices partners get before it")
public class RenewalApi {

  private static final String DAYS_PATTERN = "P[0-9]{1,3}D";
  private static final java.util.regex.Pattern DAYS = java.util.regex.Pattern.compile(DAYS_PATTERN.replace("[0-9]{1,3}",
      "([0-9]{1,3})"));
  private static final int MAX_DAYS = 366;
  private static final String WITHIN_HINT = "must be a number of days from P1D to P366D, e.g. P30D";

  private final RenewalCalendar calendar;
  private final PartnerAccess access;

  public RenewalApi(RenewalCalendar calendar, PartnerAccess access) {
    this.calendar = calendar;
    this.access = access;
  }

  @GetMapping(path = "/api/partners/{partnerId}/renewals", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The partner's renewals within a window (Accept: text/csv for CSV)",
      description = "Soonest first: when each subscription renews or ends, its seats, term and billing cycle now, and "
          + "the next term's (as scheduled, or as it is) with the partner's price per seat and month.")
  public List<Renewal> ofPartner(@PathVariable @PartnerId String partnerId,
      @Parameter(description = "ISO 8601 days, P1D to P366D") @RequestParam(defaultValue = "P30D")
      @Pattern(regexp = DAYS_PATTERN, message = WITHIN_HINT) String within) {
    access.readingFor(partnerId);
    return calendar.upcoming(Optional.of(partnerId), window(within));
  }

  @GetMapping(path = "/api/partners/{partnerId}/renewals", produces = "text/csv")
  public String ofPartnerCsv(@PathVariable @PartnerId String partnerId, @RequestParam(defaultValue = "P30D")
      @Pattern(regexp = DAYS_PATTERN, message = WITHIN_HINT) String within) {
    return Csv.of(ofPartner(partnerId, within), Renewal.class);
  }

  @GetMapping(path = "/api/renewals", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The renewals the caller may see within a window (Accept: text/csv for CSV)",
      description = "A partner's own system sees its partner's renewals; the portal, the back office and operators "
          + "see every partner's, or one partner's with partnerId.")
  public List<Renewal> all(
      @Parameter(description = "ISO 8601 days, P1D to P366D") @RequestParam(defaultValue = "P30D")
      @Pattern(regexp = DAYS_PATTERN, message = WITHIN_HINT) String within,
      @RequestParam(required = false) @PartnerId String partnerId) {
    Duration window = window(within);
    if (partnerId != null) {
      access.readingFor(partnerId);
      return calendar.upcoming(Optional.of(partnerId), window);
    }
    ApiCaller caller = ApiCaller.current();
    if (caller.readsAnyPartner()) {
      return calendar.upcoming(Optional.empty(), window);
    }
    if (caller.partnerId() == null) {
      throw new NotFound("No renewals for this caller");
    }
    return calendar.upcoming(Optional.of(caller.partnerId()), window);
  }

  @GetMapping(path = "/api/renewals", produces = "text/csv")
  public String allCsv(@RequestParam(defaultValue = "P30D")
      @Pattern(regexp = DAYS_PATTERN, message = WITHIN_HINT) String within,
      @RequestParam(required = false) @PartnerId String partnerId) {
    return Csv.of(all(within, partnerId), Renewal.class);
  }

  private static Duration window(String within) {
    Matcher days = DAYS.matcher(within);
    if (!days.matches() || Integer.parseInt(days.group(1)) < 1 || Integer.parseInt(days.group(1)) > MAX_DAYS) {
      throw new InvalidProcessInput(Map.of("within", WITHIN_HINT));
    }
    return Duration.ofDays(Integer.parseInt(days.group(1)));
  }
}
