package com.cspflow.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.boundary.ApiOperations.ApiOperation;
import com.cspflow.boundary.BoundaryReport.Finding;
import com.cspflow.boundary.HostileHttp.Answer;
import com.cspflow.boundary.HostileHttp.Request;
import com.cspflow.boundary.HostileValues.HostileValue;
import com.cspflow.boundary.PartnerWorld.Partner;
import com.cspflow.platform.security.ApiRole;
import com.cspflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.AntPathMatcher;

/**
 * The project API tried as hostile and careless integrations would, generated from its OpenAPI description: every
 * operation, as every role (no credentials, wrong ones, a forged token, partner A's and partner B's systems, the
 * portal, the back office, an operator, an administrator), with every field of its body of the wrong type, empty, too
 * long, with control characters, out of range, unknown or computed fields, whole bodies that are not what it takes,
 * and every path parameter malformed, with a NUL byte, 10,000 characters long, unknown or another partner's. Every
 * answer is checked (no 5xx, the expected class of answer, problem details naming the field, nothing internal in a
 * body); around each operation and role, the stored state must not have changed.
 */
@CspflowSpringTest
class ApiBoundaryTest {

  static final String AREA = "project API /api (generated from /api/openapi)";
  static final String DOORS = "other doors: Actuator, /oauth2/token, webapps' sign-in";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AntPathMatcher PATHS = new AntPathMatcher();
  private static final BoundaryReport REPORT = BoundaryReport.REPORT;
  private static final List<String> COMPUTED_FIELDS = List.of("requestedBy", "status", "trigger", "businessKey",
      "partnerId", "createdAt", "id");

  /**
   * Who may call what, as the product's rules say (first match wins). An operation none of them covers fails the
   * suite: declare its rule here when adding it.
   */
  private static final List<AccessRule> RULES = List.of(
      new AccessRule("*", "/api/admin/**", EnumSet.of(ApiRole.ADMIN)),
      new AccessRule("POST", "/api/catalog/refresh", EnumSet.of(ApiRole.BACKOFFICE, ApiRole.ADMIN)),
      new AccessRule("GET", "/api/catalog", EnumSet.allOf(ApiRole.class)),
      // The renewal calendar of every partner the caller may read: a partner's system sees its own
      new AccessRule("GET", "/api/renewals", EnumSet.allOf(ApiRole.class)),
      new AccessRule("GET", "/api/billing/**", EnumSet.of(ApiRole.BACKOFFICE, ApiRole.OPERATOR, ApiRole.ADMIN)),
      new AccessRule("POST", "/api/billing/**", EnumSet.of(ApiRole.BACKOFFICE, ApiRole.ADMIN)),
      new AccessRule("GET", "/api/partners/*/margins", EnumSet.of(ApiRole.MARKETPLACE, ApiRole.BACKOFFICE,
          ApiRole.OPERATOR, ApiRole.ADMIN)),
      new AccessRule("PUT", "/api/partners/*/margins", EnumSet.of(ApiRole.BACKOFFICE, ApiRole.ADMIN)),
      // Cancelling a subscription: whoever may change its seats (its partner's system, the portal, the back office)
      new AccessRule("POST", "/api/partners/*/subscriptions/*/cancellation", EnumSet.of(ApiRole.PARTNER,
          ApiRole.MARKETPLACE, ApiRole.BACKOFFICE, ApiRole.ADMIN)),
      new AccessRule("GET", "/api/partners/*/cancellations/*", EnumSet.allOf(ApiRole.class)),
      // Changes at renewal (auto-renew, next term): whoever may change its seats
      new AccessRule("POST", "/api/partners/*/subscriptions/*/renewal-changes", EnumSet.of(ApiRole.PARTNER,
          ApiRole.MARKETPLACE, ApiRole.BACKOFFICE, ApiRole.ADMIN)),
      new AccessRule("GET", "/api/partners/*/renewal-changes/*", EnumSet.allOf(ApiRole.class)),
      new AccessRule("GET", "/api/partners/**", EnumSet.allOf(ApiRole.class)),
      new AccessRule("POST", "/api/partners/**", EnumSet.of(ApiRole.PARTNER, ApiRole.MARKETPLACE,
          ApiRole.BACKOFFICE, ApiRole.ADMIN)));

  record AccessRule(String method, String pattern, Set<ApiRole> roles) {}

  enum Access { UNAUTHENTICATED, FORBIDDEN, FOREIGN, PERMITTED }

  /** One generated call and the answers the rules allow for it. */
  record Attempt(String label, String field, Request request, Set<Integer> expected) {}

  @Autowired ApplicationContext context;
  PartnerWorld world;
  HostileHttp http;

  int mark;

  @BeforeEach
  void world() {
    world = PartnerWorld.get(context);
    http = world.http;
    mark = REPORT.findings(AREA).size();
  }

  @AfterAll
  static void report() {
    REPORT.write();
  }

  @Test
  void everyOperationAsEveryRoleWithEveryHostileInputIsRefusedAndLeavesNothingBehind() {
    List<ApiOperation> operations = operations();
    assertThat(operations).as("operations in /api/openapi").hasSizeGreaterThan(20);
    REPORT.note(AREA, "operations read from /api/openapi", operations.size());
    REPORT.note(AREA, "roles each operation is called as", Role.values().length);
    Map<String, String> before = world.state.snapshot();
    for (ApiOperation operation : operations) {
      for (Role role : Role.values()) {
        REPORT.note(AREA, "batches (operation x role) with the stored state compared before and after", 1);
        List<Attempt> attempts = attempts(operation, role, operations);
        for (Attempt attempt : attempts) {
          Answer answer = http.send(attempt.request());
          REPORT.check(AREA, attempt.label(), attempt.request(), answer, attempt.expected(), attempt.field(), true);
          leaks(attempt.request(), answer);
        }
        Map<String, String> after = world.state.snapshot();
        String changes = StoredState.changes(before, after);
        if (!changes.isEmpty()) {
          REPORT.add(AREA, Finding.LEFT_BEHIND, operation + " as " + role + " (" + attempts.size() + " calls): "
              + changes);
        }
        before = after;
      }
    }
    assertNoFindings();
  }

  @Test
  void theDescriptionStatesTheLimitsOfEveryInputSoThatClientsAndThisSuiteKnowThem() {
    List<String> unbounded = new ArrayList<>();
    for (ApiOperation operation : operations()) {
      for (FieldSpec parameter : operation.pathParameters()) {
        if (parameter.pattern() == null && parameter.choices() == null) {
          unbounded.add(operation + ": path parameter " + parameter.name() + " has no pattern");
        }
      }
      for (FieldSpec parameter : operation.queryParameters()) {
        boolean ranged = parameter.kind() == FieldSpec.Kind.WHOLE_NUMBER && parameter.minimum() != null
            && parameter.maximum() != null;
        if (parameter.pattern() == null && parameter.choices() == null && !ranged) {
          unbounded.add(operation + ": query parameter " + parameter.name() + " has no pattern");
        }
      }
      if (operation.hasBody()) {
        for (FieldSpec field : operation.bodyFields()) {
          if ((field.kind() == FieldSpec.Kind.TEXT) && field.maxLength() == null && field.pattern() == null) {
            unbounded.add(operation + ": " + operation.bodySchema() + "." + field.name()
                + " has neither maxLength nor pattern");
          }
          if (field.kind() == FieldSpec.Kind.WHOLE_NUMBER && (field.minimum() == null || field.maximum() == null)) {
            unbounded.add(operation + ": " + operation.bodySchema() + "." + field.name() + " has no range");
          }
        }
      }
      boolean creates = operation.method().equals("POST")
          && (operation.path().startsWith("/api/partners/") || operation.path().startsWith("/api/billing/"));
      if (creates && operation.headerParameters().stream().noneMatch(h -> h.name().equals("Idempotency-Key"))) {
        unbounded.add(operation + ": does not declare the Idempotency-Key header it honours");
      }
    }
    REPORT.note(AREA, "inputs the OpenAPI description leaves unbounded or undeclared", unbounded.size());
    assertThat(unbounded).as("inputs without declared limits:%s", BoundaryReport.describe(unbounded)).isEmpty();
  }

  @Test
  void aPartnersSystemReadsItsOwnRecordsAndNothingOfAnotherPartner() {
    for (ApiOperation operation : operations()) {
      if (!operation.method().equals("GET") || !operation.partnerScoped()
          || !rule(operation).roles().contains(ApiRole.PARTNER)) {
        continue;
      }
      for (Role role : List.of(Role.PARTNER_A, Role.PARTNER_B)) {
        Partner own = own(role);
        Request request = HostileHttp.get(role, fill(operation, own, Map.of()));
        Answer answer = http.send(request);
        REPORT.check(AREA, "own records", request, answer, Set.of(200), null, true);
        leaks(request, answer);
      }
    }
    assertNoFindings();
  }

  @Test
  void theOtherDoorsActuatorTokensAndSignInRefuseWhatTheyShould() {
    String area = DOORS;
    int doorsMark = REPORT.findings(area).size();
    Answer discovery = http.send(HostileHttp.get(Role.ADMIN, "/actuator"));
    assertThat(discovery.status()).isEqualTo(200);
    Set<String> endpoints = new LinkedHashSet<>();
    BoundaryReport.parse(discovery.body()).path("_links").forEach(link -> {
      String href = link.path("href").asText();
      if (!link.path("templated").asBoolean(false)) {
        endpoints.add(href.substring(href.indexOf("/actuator")));
      }
    });
    endpoints.addAll(List.of("/actuator/health/db", "/actuator/health/processEngine"));
    Set<String> open = Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
    Map<String, String> before = world.state.snapshot();
    for (String endpoint : endpoints) {
      for (Role role : Role.values()) {
        boolean operator = role == Role.OPERATOR || role == Role.ADMIN;
        // Actuator takes people's HTTP Basic only: a bearer token is no sign-in there, a wrong password is 401.
        Set<Integer> expected = operator ? Set.of(200)
            : open.contains(endpoint) ? (role.badCredentials() ? Set.of(401) : Set.of(200))
            : role == Role.BACKOFFICE ? Set.of(403) : Set.of(401);
        Request request = HostileHttp.get(role, endpoint);
        Answer answer = http.send(request);
        // What operators read (metrics, health details) names classes by design; refusals must not.
        REPORT.check(area, "Actuator " + endpoint, request, answer, expected, null, answer.status() >= 400);
        if (open.contains(endpoint) && !operator && answer.body().contains("components")) {
          REPORT.add(area, Finding.ACCEPTED_HOSTILE, request.describe() + " shows health details to a non-operator");
        }
      }
    }
    for (String hidden : List.of("env", "beans", "heapdump", "threaddump", "configprops", "loggers", "mappings",
        "metrics", "scheduledtasks", "caches", "conditions", "shutdown")) {
      for (Role role : Role.values()) {
        boolean operator = role == Role.OPERATOR || role == Role.ADMIN;
        Set<Integer> expected = operator ? Set.of(404) : role == Role.BACKOFFICE ? Set.of(403) : Set.of(401);
        for (String method : List.of("GET", "POST")) {
          Request request = new Request(role, method, "/actuator/" + hidden, method.equals("POST") ? new byte[0]
              : null, method.equals("POST") ? "application/json" : null, Map.of());
          REPORT.check(area, "Actuator endpoint that must not be open: " + hidden, request, http.send(request),
              method.equals("POST") && operator ? Set.of(404, 405) : expected, null, true);
        }
      }
    }
    Map<String, String> tokenRequests = new LinkedHashMap<>();
    tokenRequests.put("no grant type", "");
    tokenRequests.put("password grant", "grant_type=password&username=admin&password=admin");
    tokenRequests.put("authorization code without code", "grant_type=authorization_code");
    tokenRequests.put("client id with a NUL byte", "grant_type=client_credentials&client_id=portal%00");
    tokenRequests.put("10,000-character client id", "grant_type=client_credentials&client_id=" + "x".repeat(10_000));
    tokenRequests.put("scope nobody has", "grant_type=client_credentials&scope=admin");
    for (Map.Entry<String, String> token : tokenRequests.entrySet()) {
      for (String credentials : List.of("", HostileHttp.basic("portal", "wrong-secret"),
          HostileHttp.basic("nobody", "x"), HostileHttp.basic("portal\u0000", "x"))) {
        Request request = new Request(Role.ANONYMOUS, "POST", "/oauth2/token", token.getValue().getBytes(
            StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
            credentials.isEmpty() ? Map.of() : Map.of("Authorization", credentials));
        // OAuth2 answers in its own JSON (RFC 6749), not problem details.
        REPORT.check(area, "token request: " + token.getKey(), request, http.send(request), Set.of(400, 401),
            null, false);
      }
    }
    Request bigToken = new Request(Role.ANONYMOUS, "POST", "/oauth2/token", ("grant_type=client_credentials&x="
        + "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded", Map.of());
    REPORT.check(area, "token request of 70 KiB", bigToken, http.send(bigToken), Set.of(413), null, false);
    for (String user : List.of("admin\u0000", "x".repeat(10_000), "' OR '1'='1", "", "admin ")) {
      for (String app : List.of("tasklist", "cockpit", "admin")) {
        // Through the login page as a browser does (session and CSRF token), so the sign-in itself is tried.
        WebappSession.Answer signIn = WebappSession.anonymous(world.rootUri)
            .loginAs(user, "admin", app);
        Request login = new Request(Role.ANONYMOUS, "POST", "/camunda/api/admin/auth/user/default/login/" + app,
            null, "application/x-www-form-urlencoded", Map.of());
        REPORT.check(area, "webapp sign-in as a hostile user name", login, new Answer(signIn.status(),
            "application/json", signIn.body(), Map.of()), Set.of(400, 401), null, false);
      }
    }
    String changes = StoredState.changes(before, world.state.snapshot());
    if (!changes.isEmpty()) {
      REPORT.add(area, Finding.LEFT_BEHIND, "other doors: " + changes);
    }
    List<String> findings = REPORT.findingsSince(area, doorsMark);
    assertThat(findings).as("findings at the other doors:%s", BoundaryReport.describe(findings)).isEmpty();
  }

  private void assertNoFindings() {
    List<String> findings = REPORT.findingsSince(AREA, mark);
    assertThat(findings).as("findings at the project API's boundary:%s", BoundaryReport.describe(findings))
        .isEmpty();
  }

  private List<ApiOperation> operations() {
    Answer description = http.send(HostileHttp.get(Role.ANONYMOUS, "/api/openapi"));
    assertThat(description.status()).isEqualTo(200);
    return ApiOperations.of(BoundaryReport.parse(description.body()));
  }

  /** A 2xx answer to a partner's system must hold nothing of the other partner. */
  private void leaks(Request request, Answer answer) {
    if (!request.role().partnerScoped() || answer.status() >= 300) {
      return;
    }
    Partner other = world.other(own(request.role()));
    for (String secret : other.secrets()) {
      if (answer.body().contains(secret)) {
        REPORT.add(AREA, Finding.CROSS_PARTNER, request.describe() + " -> " + answer.status() + " holds "
            + secret + " of the other partner");
      }
    }
  }

  private Partner own(Role role) {
    return role == Role.PARTNER_B ? world.b : world.a;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Generation

  private List<Attempt> attempts(ApiOperation operation, Role role, List<ApiOperation> all) {
    AccessRule rule = rule(operation);
    Partner target = world.a;
    Partner own = own(role);
    Generator generator = new Generator(operation, role, rule);
    List<Attempt> attempts = generator.attempts;
    String path = fill(operation, target, Map.of());
    byte[] body = operation.hasBody() ? json(baseline(operation, target)) : null;

    Access access = generator.access(target);
    if (operation.method().equals("GET")) {
      generator.add("valid request", null, request(role, operation, path, body), Set.of(200), target);
    } else if (access != Access.PERMITTED) {
      generator.add("valid request", null, request(role, operation, path, body), Set.of(), target);
    }
    if (operation.method().equals("POST") || operation.hasBody()) {
      generator.add("70 KiB body", null, new Request(role, operation.method(), path, padded(body, 70 * 1024), "application/json",
          Map.of()), Set.of(413), target, true, false);
    }

    if (operation.hasBody()) {
      ObjectNode baseline = baseline(operation, target);
      for (FieldSpec field : operation.bodyFields()) {
        String valid = ValidValues.text(baseline.has(field.name()) ? baseline.get(field.name())
            : ValidValues.of(field, null, target));
        for (HostileValue value : HostileValues.of(field, valid)) {
          generator.add(field.name() + ": " + value.label(), value.notJson() ? "body" : field.name(),
              request(role, operation, path, with(baseline, field.name(), value)), Set.of(400), target);
        }
        String others = world.other(target).idFor(field.name());
        if (others != null && operation.partnerScoped()) {
          generator.add(field.name() + ": another partner's record", field.name(), request(role, operation, path,
              with(baseline, field.name(), HostileValue.of("other", JSON.getNodeFactory().textNode(others)))),
              Set.of(400, 404), target);
        }
      }
      Set<String> extras = new LinkedHashSet<>(List.of("unknownField"));
      extras.addAll(operation.answerFields());
      extras.addAll(COMPUTED_FIELDS);
      operation.bodyFields().forEach(f -> extras.remove(f.name()));
      for (String extra : extras) {
        generator.add("spoofed or unknown field " + extra, extra, request(role, operation, path,
            with(baseline, extra, HostileValue.of("spoofed", JSON.getNodeFactory().textNode("spoofed")))),
            Set.of(400), target);
      }
      String firstText = operation.bodyFields().stream().filter(f -> f.kind() == FieldSpec.Kind.TEXT)
          .map(FieldSpec::name).findFirst().orElse(null);
      Map<String, byte[]> bodies = new LinkedHashMap<>();
      bodies.put("not JSON", utf8("{\"" + (firstText == null ? "x" : firstText) + "\": "));
      bodies.put("trailing garbage", concat(body, utf8(" x")));
      bodies.put("empty body", new byte[0]);
      bodies.put("JSON array", utf8("[" + new String(body, StandardCharsets.UTF_8) + "]"));
      bodies.put("JSON null", utf8("null"));
      bodies.put("JSON string", utf8("\"" + operation.bodySchema() + "\""));
      bodies.put("deeply nested", utf8("{\"unknownField\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
      bodies.forEach((label, bytes) -> generator.add("body " + label, "body",
          new Request(role, operation.method(), path, bytes, "application/json", Map.of()), Set.of(400), target));
      if (firstText != null) {
        // Bytes JSON does not allow inside a string: the answer names the field they are in.
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes(utf8("{\"" + firstText + "\": \"a"));
        invalid.write(0xC3);
        invalid.write(0x28);
        invalid.writeBytes(utf8("\"}"));
        generator.add("body invalid UTF-8 in " + firstText, firstText, new Request(role, operation.method(), path,
            invalid.toByteArray(), "application/json", Map.of()), Set.of(400), target);
        generator.add("body raw NUL byte in " + firstText, firstText, new Request(role, operation.method(), path,
            with(baseline, firstText, HostileValue.raw("raw NUL", "\"a\u0000b\"")), "application/json", Map.of()),
            Set.of(400), target);
      }
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
        generator.add("content type " + type, null, new Request(role, operation.method(), path, body, type, Map.of()),
            Set.of(415), target);
      }
      generator.add("no content type", null, new Request(role, operation.method(), path, body, null, Map.of()), Set.of(415),
          target);
    }

    for (FieldSpec header : operation.headerParameters()) {
      for (String value : List.of("x".repeat(256), "two words", "\"\"")) {
        generator.add("header " + header.name() + " " + (value.length() > 20 ? value.length() + " characters"
            : value), header.name(), request(role, operation, path, body).withHeader(header.name(), value),
            Set.of(400), target, false, true);
      }
    }

    for (FieldSpec parameter : operation.pathParameters()) {
      String name = parameter.name();
      String valid = target.idFor(name) != null ? target.idFor(name) : worldValue(name, false);
      boolean partner = name.equals("partnerId");
      // A partner's system naming a malformed partner names one that is not its own: 404 is as right as 400.
      Set<Integer> malformedAnswers = partner && role.partnerScoped() ? Set.of(400, 404) : Set.of(400);
      for (String malformed : malformed(parameter, valid)) {
        generator.add(name + " malformed " + malformed, name, request(role, operation,
            fill(operation, target, Map.of(name, malformed)), body), malformedAnswers, target, false, partner);
      }
      // Tomcat refuses these request lines before anything is routed: the answer cannot name the parameter.
      for (Map.Entry<String, String> unparseable : Map.of("NUL byte", valid + "%00", "encoded slash",
          valid + "%2F..%2F", "10,000 characters", "a".repeat(10_000)).entrySet()) {
        generator.add(name + " " + unparseable.getKey(), null, request(role, operation,
            fill(operation, target, Map.of(name, unparseable.getValue())), body), Set.of(400), target, false, true);
      }
      String unknown = worldValue(name, true);
      // Only the partner's first setup may name a partner that does not exist (it creates it), and only for a caller
      // that may act for any partner: a partner's system naming another partner is 404 there too.
      boolean createsThePartner = partner && !role.partnerScoped() && operation.method().equals("POST")
          && operation.path().equals("/api/partners/{partnerId}/microsoft365");
      if (unknown != null && !createsThePartner) {
        generator.add(name + " unknown", name, request(role, operation, fill(operation, target, Map.of(name, unknown)),
            body), Set.of(404), target);
        if (operation.answerMediaTypes().contains("text/csv")) {
          generator.add(name + " unknown, Accept: text/csv", name, request(role, operation,
              fill(operation, target, Map.of(name, unknown)), body).withHeader("Accept", "text/csv"), Set.of(404),
              target);
        }
      }
      if (partner && role.partnerScoped()) {
        // The caller's own partner in the path, the other partner's records in the rest of it.
        Partner other = world.other(own);
        Map<String, String> others = new LinkedHashMap<>();
        operation.pathParameters().forEach(p -> {
          if (!p.name().equals("partnerId") && own.idFor(p.name()) != null) {
            others.put(p.name(), other.idFor(p.name()));
          }
        });
        if (!others.isEmpty()) {
          generator.add("own partner, another partner's records " + others.keySet(), null, request(role, operation,
              fill(operation, own, others), body), Set.of(404), own);
        }
        if (role == Role.PARTNER_A) {
          generator.add("another partner in the path", "partnerId", request(role, operation,
              fill(operation, own, Map.of("partnerId", other.id())), body), Set.of(404), world.b);
        }
      } else if (!partner && target.idFor(name) != null) {
        generator.add(name + " of another partner", name, request(role, operation,
            fill(operation, target, Map.of(name, world.other(target).idFor(name))), body), Set.of(404), target);
      }
    }

    for (FieldSpec parameter : operation.queryParameters()) {
      String name = parameter.name();
      boolean partner = name.equals("partnerId");
      Set<Integer> malformedAnswers = partner && role.partnerScoped() ? Set.of(400, 404) : Set.of(400);
      for (String malformed : malformed(parameter, null)) {
        generator.add("query " + name + " malformed " + malformed, name,
            request(role, operation, path + "?" + name + "=" + malformed, body), malformedAnswers, target, false,
            partner);
      }
      generator.add("query " + name + " 10,000 characters", null,
          request(role, operation, path + "?" + name + "=" + "a".repeat(10_000), body), Set.of(400), target, false,
          true);
      if (partner && role == Role.PARTNER_A) {
        generator.add("query naming another partner", name, request(role, operation,
            path + "?" + name + "=" + world.b.id(), body), Set.of(404), world.b);
      }
    }

    if (all.stream().filter(o -> o.path().equals(operation.path())).findFirst().orElseThrow() == operation) {
      Set<String> defined = all.stream().filter(o -> o.path().equals(operation.path())).map(ApiOperation::method)
          .collect(Collectors.toSet());
      for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
        if (!defined.contains(method)) {
          generator.add("method " + method + " not offered", null, new Request(role, method, path,
              utf8("{}"), "application/json", Map.of()), Set.of(403, 405), target, false, false, true);
        }
      }
    }
    return attempts;
  }

  /** Builds attempts of one operation and role with the answers their access allows. */
  private final class Generator {
    final ApiOperation operation;
    final Role role;
    final AccessRule rule;
    final List<Attempt> attempts = new ArrayList<>();

    Generator(ApiOperation operation, Role role, AccessRule rule) {
      this.operation = operation;
      this.role = role;
      this.rule = rule;
    }

    Access access(Partner pathPartner) {
      if (!role.signedIn()) {
        return Access.UNAUTHENTICATED;
      }
      if (!rule.roles().contains(role.apiRole())) {
        return Access.FORBIDDEN;
      }
      if (operation.partnerScoped() && role.partnerScoped() && pathPartner != own(role)) {
        return Access.FOREIGN;
      }
      return Access.PERMITTED;
    }

    void add(String label, String field, Request request, Set<Integer> whenPermitted, Partner pathPartner) {
      add(label, field, request, whenPermitted, pathPartner, false, false);
    }

    void add(String label, String field, Request request, Set<Integer> whenPermitted, Partner pathPartner,
        boolean beforeSignIn, boolean maybeRefusedFirst) {
      add(label, field, request, whenPermitted, pathPartner, beforeSignIn, maybeRefusedFirst, false);
    }

    /**
     * @param beforeSignIn refused before anyone is signed in (a body over the limit): the same answer for all
     * @param maybeRefusedFirst a malformed request line or header may be refused (400) before access is decided
     * @param wrongMethod a method the path does not offer: 401 before sign-in, else 403 or 405
     */
    void add(String label, String field, Request request, Set<Integer> whenPermitted, Partner pathPartner,
        boolean beforeSignIn, boolean maybeRefusedFirst, boolean wrongMethod) {
      Set<Integer> expected = new LinkedHashSet<>();
      Access access = access(pathPartner);
      if (beforeSignIn) {
        expected.addAll(whenPermitted);
      } else if (wrongMethod) {
        expected.addAll(role.signedIn() ? whenPermitted : Set.of(401));
      } else {
        switch (access) {
          case UNAUTHENTICATED -> expected.add(401);
          case FORBIDDEN -> expected.add(403);
          case FOREIGN -> expected.add(404);
          case PERMITTED -> expected.addAll(whenPermitted);
        }
        if (maybeRefusedFirst) {
          expected.add(400);
        }
      }
      if (expected.isEmpty()) {
        return;
      }
      attempts.add(new Attempt(label, field, request, expected));
    }
  }

  private Request request(Role role, ApiOperation operation, String path, byte[] body) {
    return body == null ? new Request(role, operation.method(), path, null, null, Map.of())
        : HostileHttp.json(role, operation.method(), path, body);
  }

  /** A valid body of the operation, for the partner in its path. */
  private static AccessRule rule(ApiOperation operation) {
    return RULES.stream().filter(r -> (r.method().equals("*") || r.method().equals(operation.method()))
        && PATHS.match(r.pattern(), operation.path())).findFirst().orElseThrow(() -> new AssertionError(
        "No access rule for " + operation + ": declare who may call it in ApiBoundaryTest.RULES"));
  }

  private ObjectNode baseline(ApiOperation operation, Partner partner) {
    ObjectNode body = JSON.createObjectNode();
    JsonNode examples = examples(operation);
    for (FieldSpec field : operation.bodyFields()) {
      JsonNode example = examples.path(field.name()).path("example");
      if (field.required() || !example.isMissingNode()) {
        body.set(field.name(), ValidValues.of(field, example, partner));
      }
    }
    return body;
  }

  private JsonNode examplesCache;

  private JsonNode examples(ApiOperation operation) {
    if (examplesCache == null) {
      examplesCache = BoundaryReport.parse(http.send(HostileHttp.get(Role.ANONYMOUS, "/api/openapi")).body())
          .path("components").path("schemas");
    }
    return examplesCache.path(operation.bodySchema()).path("properties");
  }

  /** The path with the partner's records (or those given) in its parameters. */
  private String fill(ApiOperation operation, Partner partner, Map<String, String> given) {
    Matcher parameters = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(operation.path());
    StringBuilder path = new StringBuilder();
    while (parameters.find()) {
      String name = parameters.group(1);
      String value = given.containsKey(name) ? given.get(name)
          : partner.idFor(name) != null ? partner.idFor(name) : worldValue(name, false);
      parameters.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    parameters.appendTail(path);
    return path.toString();
  }

  /** Path values that belong to no partner: the billed period and run, the client to disable; or unknown ones. */
  private String worldValue(String name, boolean unknown) {
    return switch (name) {
      case "period" -> unknown ? "1999-01" : PartnerWorld.BILLED_PERIOD;
      case "runId" -> unknown ? UUID.randomUUID().toString() : world.runId;
      case "clientId" -> unknown ? "nobody-" + UUID.randomUUID().toString().substring(0, 8) : world.victimClient;
      case "partnerId" -> unknown ? "nobody-" + UUID.randomUUID().toString().substring(0, 8) : world.a.id();
      case "organizationId", "orderId", "subscriptionId", "changeId", "cancellationId",
          "renewalChangeId" ->
          unknown ? UUID.randomUUID().toString() : null;
      default -> throw new AssertionError("The boundary suite knows no value of path parameter " + name
          + ": add one to ApiBoundaryTest.worldValue and PartnerWorld");
    };
  }

  /** Values the parameter's pattern refuses, percent-encoded for the path. */
  private static List<String> malformed(FieldSpec parameter, String valid) {
    Map<String, String> candidates = new LinkedHashMap<>();
    candidates.put("a b", "a%20b");
    candidates.put("' OR '1'='1", "%27%20OR%20%271%27%3D%271");
    candidates.put("<script>", "%3Cscript%3E");
    candidates.put("-leading-dash", "-leading-dash");
    candidates.put("é", "%C3%A9");
    if (parameter.kind() == FieldSpec.Kind.WHOLE_NUMBER) {
      for (String number : List.of("1.5", "1e3", "0x10", "99999999999999999999")) {
        candidates.put(number, number);
      }
      if (parameter.minimum() != null) {
        String below = parameter.minimum().subtract(java.math.BigDecimal.ONE).toPlainString();
        candidates.put(below, below);
      }
      if (parameter.maximum() != null) {
        String above = parameter.maximum().add(java.math.BigDecimal.ONE).toPlainString();
        candidates.put(above, above);
      }
    }
    if (valid != null && valid.length() > 1) {
      candidates.put(valid.substring(0, valid.length() - 1) + "g", valid.substring(0, valid.length() - 1) + "g");
      candidates.put(valid + valid, valid + valid);
    }
    List<String> refused = new ArrayList<>();
    candidates.forEach((decoded, encoded) -> {
      if (parameter.refusesText(decoded)) {
        refused.add(encoded);
      }
    });
    return refused;
  }

  private static byte[] with(ObjectNode baseline, String field, HostileValue value) {
    ObjectNode body = baseline.deepCopy();
    if (value.absent()) {
      body.remove(field);
      return json(body);
    }
    String marker = "@@hostile-" + UUID.randomUUID() + "@@";
    body.put(field, marker);
    String text = body.toString();
    int at = text.indexOf("\"" + marker + "\"");
    return concat(concat(utf8(text.substring(0, at)), utf8(value.jsonText())),
        utf8(text.substring(at + marker.length() + 2)));
  }

  private static byte[] padded(byte[] body, int size) {
    String padding = "x".repeat(size);
    if (body == null) {
      return utf8("{\"padding\": \"" + padding + "\"}");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return utf8(text.substring(0, text.length() - 1) + (text.length() > 2 ? "," : "") + "\"padding\": \""
        + padding + "\"}");
  }

  private static byte[] json(JsonNode node) {
    return utf8(node.toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = new byte[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
