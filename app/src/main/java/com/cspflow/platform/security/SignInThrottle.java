package com.cspflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wrong passwords slow down the address that sends them, never the person whose name they use (Camunda's own
 * per-user lock is switched off, see application.yaml): after {@code cspflow.sign-in-throttle.failures} failed
 * sign-ins (a 401 to a request that carried credentials, or to the webapps' login form) within
 * {@code window}, that client address gets 429 with Retry-After for {@code block}, doubling with every further
 * round up to an hour. A successful sign-in with a secret from the address clears its count. Per node: a guesser
 * spreading over nodes is slowed down on each. The block holds back only what presents a secret to check (a password,
 * a client secret, the login form); a bearer token already issued, a signed-in session or an anonymous request still
 * passes, so that behind one proxy or NAT address a careless client does not lock out every partner and person who
 * signed in.
 */
@Component
public class SignInThrottle extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);
  private static final Duration LONGEST_BLOCK = Duration.ofHours(1);
  private static final int MAX_TRACKED = 100_000;

  private record Failures(int count, Instant firstAt, Instant blockedUntil, int rounds) {}

  private final int allowedFailures;
  private final Duration window;
  private final Duration block;
  private final Clock clock;
  private final ProblemResponses problems;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  public SignInThrottle(@Value("${cspflow.sign-in-throttle.failures:10}") int allowedFailures,
      @Value("${cspflow.sign-in-throttle.window:PT5M}") Duration window,
      @Value("${cspflow.sign-in-throttle.block:PT1M}") Duration block, Clock clock, ProblemResponses problems) {
    this.allowedFailures = allowedFailures;
    this.window = window;
    this.block = block;
    this.clock = clock;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Instant now = clock.instant();
    Failures failures = byAddress.get(address);
    if (failures != null && failures.blockedUntil() != null && now.isBefore(failures.blockedUntil())
        && presentsSecret(request)) {
      long seconds = Math.max(1, Duration.between(now, failures.blockedUntil()).toSeconds());
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
      problems.write(request, response, 429, "Too Many Requests",
          "Too many failed sign-ins from your address; try again in " + seconds + " s");
      return;
    }
    chain.doFilter(request, response);
    // Only a secret counts, either way. A bearer token is signed, not guessed: a 401 to one (expired, or sent where
    // no token is taken, such as /engine-rest) is no guess, and counting it let a portal polling with its token lock
    // out every person behind its address. Nor may a token's answer reset the count: a junk token in between let a
    // guesser go on for ever.
    if (presentsSecret(request)) {
      if (response.getStatus() == 401) {
        failed(address, now);
      } else if (response.getStatus() < 400 && failures != null) {
        byAddress.remove(address);
      }
    }
  }

  /** A password or client secret to check: any credentials but a bearer token, the login form, the token endpoint. */
  private static boolean presentsSecret(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return (authorization != null && !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        || signInForm(request) || tokenEndpoint(request);
  }

  private static boolean signInForm(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && request.getRequestURI().contains("/api/admin/auth/user/");
  }

  private static boolean tokenEndpoint(HttpServletRequest request) {
    return request.getRequestURI().endsWith("/oauth2/token");
  }

  private void failed(String address, Instant now) {
    if (byAddress.size() > MAX_TRACKED) {
      byAddress.clear();
    }
    byAddress.compute(address, (key, earlier) -> {
      // A block in force stays in force: a count that starts again does not lift it
      Instant stillBlocked = earlier == null || earlier.blockedUntil() == null || !now.isBefore(earlier.blockedUntil())
          ? null : earlier.blockedUntil();
      Failures current = earlier == null || earlier.firstAt().plus(window).isBefore(now)
          ? new Failures(0, now, stillBlocked, earlier == null ? 0 : earlier.rounds()) : earlier;
      int count = current.count() + 1;
      if (count < allowedFailures) {
        return new Failures(count, current.firstAt(), stillBlocked, current.rounds());
      }
      int rounds = current.rounds() + 1;
      Duration blocked = block.multipliedBy(1L << Math.min(rounds - 1, 12));
      blocked = blocked.compareTo(LONGEST_BLOCK) > 0 ? LONGEST_BLOCK : blocked;
      LOG.warn("{} failed sign-ins from {} within {}: blocked for {}", count, address, window, blocked);
      return new Failures(0, now, now.plus(blocked), rounds);
    });
  }
}
