package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxActivityLog.AuditRecord;
import com.cspflow.sandbox.SandboxOperation.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Get a record of Partner Center activity": {@code GET /v1/auditrecords?startDate=&endDate=&filter=}, App or
 * App+User. The last 30 days unless a start date is given; a start date more than 90 days ago is a 400. Dates are
 * {@code yyyy-MM-dd} (UTC; the end date's day included) or instants. {@code filter} is Microsoft's simple field
 * filter, {@code {"Field":"CustomerId","Value":"…","Operator":"equals"}}. Pages of {@value #PAGE_SIZE}, the next one
 * named by {@code links.next} with its {@code MS-ContinuationToken}.
 */
@RestController
@RequestMapping("/v1")
class SandboxActivityLogController {

  static final int PAGE_SIZE = 500;
  private static final Duration KEPT = Duration.ofDays(90);
  private static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  private final SandboxActivityLog log;
  private final SandboxProperties properties;
  private final ObjectMapper json;

  SandboxActivityLogController(SandboxActivityLog log, SandboxProperties properties, ObjectMapper json) {
    this.log = log;
    this.properties = properties;
    this.json = json;
  }

  @SandboxOperation(value = "activity-log", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/auditrecords")
  Map<String, Object> auditRecords(@RequestParam(required = false) String startDate,
      @RequestParam(required = false) String endDate, @RequestParam(required = false) String filter,
      @RequestHeader(value = "MS-ContinuationToken", required = false) String continuation) {
    Instant now = Instant.now();
    Instant from = startDate == null ? now.minus(DEFAULT_SPAN) : instant(startDate, "startDate", false);
    Instant to = endDate == null ? now : instant(endDate, "endDate", true);
    if (from.isBefore(now.minus(KEPT).truncatedTo(java.time.temporal.ChronoUnit.DAYS))) {
      throw SandboxError.invalid("startDate: the activity log keeps the last 90 days only");
    }
    if (!to.isAfter(from)) {
      throw SandboxError.invalid("endDate must be after startDate");
    }
    String customerId = customerOf(filter);
    long afterId = continuation == null ? 0 : position(continuation);
    List<AuditRecord> page = log.between(from, to, customerId, afterId, PAGE_SIZE + 1);
    boolean more = page.size() > PAGE_SIZE;
    List<AuditRecord> items = more ? page.subList(0, PAGE_SIZE) : page;
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("totalCount", items.size());
    String partnerId = java.util.UUID.nameUUIDFromBytes(properties.partnerName().getBytes(StandardCharsets.UTF_8))
        .toString();
    collection.put("items", items.stream().map(r -> SandboxActivityLog.json(r, partnerId)).toList());
    if (more) {
      StringBuilder uri = new StringBuilder("/auditrecords?startDate=").append(from).append("&endDate=").append(to);
      if (customerId != null) {
        uri.append("&filter=").append(java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8));
      }
      Map<String, Object> next = new LinkedHashMap<>();
      next.put("uri", uri.toString());
      next.put("method", "GET");
      next.put("headers", List.of(Map.of("key", "MS-ContinuationToken",
          "value", token(items.get(items.size() - 1).id()))));
      collection.put("links", Map.of("next", next));
    }
    collection.put("attributes", Map.of("objectType", "Collection"));
    return collection;
  }

  private static Instant instant(String value, String name, boolean endOfDay) {
    try {
      if (value.length() <= 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw SandboxError.invalid(name + ": a date (yyyy-MM-dd) or an instant, not '" + value + "'");
    }
  }

  private String customerOf(String filter) {
    if (filter == null || filter.isBlank()) {
      return null;
    }
    try {
      JsonNode parsed = json.readTree(filter);
      if (!"CustomerId".equalsIgnoreCase(parsed.path("Field").asText())
          || !"equals".equalsIgnoreCase(parsed.path("Operator").asText()) || parsed.path("Value").asText().isBlank()) {
        throw SandboxError.invalid("filter: the sandbox filters by CustomerId equals only");
      }
      return parsed.path("Value").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw SandboxError.invalid("filter: not a field filter");
    }
  }

  private static String token(long lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("after|" + lastId)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static long position(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!decoded.startsWith("after|")) {
        throw new IllegalArgumentException(decoded);
      }
      return Long.parseLong(decoded.substring("after|".length()));
    } catch (RuntimeException e) {
      throw SandboxError.invalid("MS-ContinuationToken: not a token this log gave");
    }
  }
}
