package com.cspflow.partnercenterevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partner Center's webhook: {@code POST /api/partner-center/events}, where Microsoft posts the events cspflow
 * registered for ({@link WebhookRegistrar}). No cspflow credentials: Microsoft signs each event instead, and an event
 * whose signature does not prove it ({@link EventSignatures}) is refused with 401 and not stored (503 with Retry-After
 * while another certificate is being downloaded: Partner Center delivers it again). A signed event is
 * stored once (200, also when it was delivered before); one whose body is not an event is a 400 naming the field.
 * Not in the API description for partners' developers: only Microsoft calls it.
 */
@Hidden
@RestController
class PartnerCenterEventController {

  static final String PATH = "/api/partner-center/events";
  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterEventController.class);
  private static final Pattern EVENT_NAME = Pattern.compile("^[a-z][A-Za-z0-9-]{0,99}$");
  private static final Pattern CUSTOMER = Pattern.compile("/customers/([0-9a-fA-F-]{36})(?:/|$)");
  private static final int MAX_URI = 2000;

  private final EventSignatures signatures;
  private final PartnerCenterEvents events;
  private final ObjectMapper json;

  PartnerCenterEventController(EventSignatures signatures, PartnerCenterEvents events, ObjectMapper json) {
    this.signatures = signatures;
    this.events = events;
    this.json = json;
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> receive(@RequestBody byte[] body,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(value = "X-MS-Certificate-Url", required = false) String certificateUrl,
      @RequestHeader(value = "X-MS-Signature-Algorithm", required = false) String algorithm) {
    try {
      signatures.verify(body, authorization, certificateUrl, algorithm);
    } catch (UnverifiedEvent unverified) {
      if (unverified.busy()) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
            "Not checked now: " + unverified.getMessage());
        problem.setTitle("Service Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
            .body(problem);
      }
      LOG.warn("Refused a request to {}: {}", PATH, unverified.getMessage());
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          "Not a Partner Center event: " + unverified.getMessage());
      problem.setTitle("Unauthorized");
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }
    Map<String, String> problems = new LinkedHashMap<>();
    PartnerCenterEvent event = read(body, problems);
    if (event == null) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.entrySet().stream()
          .map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining("; ")));
      problem.setTitle("Invalid input");
      problem.setProperty("problems", problems);
      return ResponseEntity.badRequest().body(problem);
    }
    boolean stored = events.record(event);
    LOG.info("Partner Center event {} for customer {}{}", event.eventName(), event.tenantId(),
        stored ? "" : " (delivered before)");
    return ResponseEntity.ok().build();
  }

  /** Microsoft's event, its names in any case (its sample writes {@code EventName}); null with the problems. */
  private PartnerCenterEvent read(byte[] body, Map<String, String> problems) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      problems.put("body", "is not valid JSON");
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.put("body", "must be a JSON object: an event");
      return null;
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      fields.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
    }
    String name = text(fields.get("eventname"));
    if (name == null || !EVENT_NAME.matcher(name).matches()) {
      problems.put("EventName", "must be an event's name, such as subscription-updated");
    }
    String resource = text(fields.get("resourceuri"));
    if (resource == null || resource.length() > MAX_URI || !absolute(resource)) {
      problems.put("ResourceUri", "must be the address of the resource that changed");
    }
    String date = text(fields.get("resourcechangeutcdate"));
    Instant changedAt = null;
    if (date == null) {
      // Partner Center dates every event; the date also tells a redelivery from a new change (stored once)
      problems.put("ResourceChangeUtcDate", "is required: when the resource changed, with its offset");
    } else {
      try {
        changedAt = OffsetDateTime.parse(date).toInstant();
      } catch (DateTimeParseException e) {
        problems.put("ResourceChangeUtcDate", "must be a date and time with its offset");
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    Matcher customer = CUSTOMER.matcher(URI.create(resource).getPath());
    return new PartnerCenterEvent(name, resource, customer.find() ? customer.group(1).toLowerCase(Locale.ROOT) : null,
        changedAt);
  }

  private static String text(JsonNode value) {
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static boolean absolute(String uri) {
    try {
      URI parsed = new URI(uri);
      return parsed.isAbsolute() && parsed.getPath() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
