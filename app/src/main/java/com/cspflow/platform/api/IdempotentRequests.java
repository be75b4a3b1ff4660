package com.cspflow.platform.api;

import com.cspflow.platform.security.ApiCaller;
import com.cspflow.platform.security.ProblemResponses;
import com.cspflow.platform.web.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The IETF draft "The Idempotency-Key HTTP Header Field" for every creating POST of the partner and billing API: the
 * first request with a key runs in one transaction with the claim of its key and the keeping of its answer, so that
 * <ul>
 *   <li>a retry with the same key and body (after a timeout, a cut connection, a node that died) gets the first
 *       answer again, marked {@code Idempotent-Replayed: true}, and creates nothing;
 *   <li>the same key with another method, path or body is 422;
 *   <li>a retry while the first request is still running is 409 (it waits for the first to commit where the
 *       database can, PostgreSQL, and then gets its answer);
 *   <li>a refused request (4xx) keeps nothing, so the caller may correct it and send it again with the same key.
 * </ul>
 * Keys are per caller, kept in the database (every node, across restarts) for at least 24 hours.
 */
public class IdempotentRequests extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final IdempotencyKeys keys;
  private final TransactionTemplate transactions;
  private final ProblemResponses problems;

  public IdempotentRequests(IdempotencyKeys keys, PlatformTransactionManager transactionManager,
      ProblemResponses problems) {
    this.keys = keys;
    this.transactions = new TransactionTemplate(transactionManager);
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (Collections.list(request.getHeaders(HEADER)).size() > 1) {
      // Two keys for one request: which of them would a retry send?
      problems.write(request, response, 400, "Invalid input", "Idempotency-Key is given more than once",
          Map.of(HEADER, "is given more than once"));
      return;
    }
    String key = unquoted(request.getHeader(HEADER));
    if (!KEY.matcher(key).matches()) {
      problems.write(request, response, 400, "Invalid input",
          "Idempotency-Key must be 1 to 255 visible ASCII characters",
          Map.of(HEADER, "must be 1 to 255 visible ASCII characters"));
      return;
    }
    String caller;
    try {
      caller = ApiCaller.current().engineUserId();
    } catch (IllegalStateException anonymous) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String fingerprint = fingerprint(request, body);
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    boolean first;
    try {
      first = Boolean.TRUE.equals(transactions.execute(status -> {
        keys.claim(caller, key, fingerprint);
        try {
          chain.doFilter(new CachedBodyRequest(request, body), buffered);
        } catch (IOException | ServletException e) {
          throw new IllegalStateException(e);
        }
        if (buffered.getStatus() >= 200 && buffered.getStatus() < 300) {
          keys.answer(caller, key, buffered.getStatus(), buffered.getContentType(),
              buffered.getHeader(HttpHeaders.LOCATION),
              new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8));
        } else {
          status.setRollbackOnly();
        }
        return true;
      }));
    } catch (DuplicateKeyException | PessimisticLockingFailureException keyTaken) {
      first = false;
    }
    if (first) {
      buffered.copyBodyToResponse();
      return;
    }
    buffered.resetBuffer();
    answerAgain(request, response, caller, key, fingerprint);
  }

  private void answerAgain(HttpServletRequest request, HttpServletResponse response, String caller, String key,
      String fingerprint) throws IOException {
    Optional<IdempotencyKeys.Answer> earlier = keys.find(caller, key);
    if (earlier.isEmpty() || !earlier.get().complete()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
      problems.write(request, response, 409, "Conflict",
          "A request with this Idempotency-Key is still being processed; retry shortly");
    } else if (!earlier.get().fingerprint().equals(fingerprint)) {
      problems.write(request, response, 422, "Unprocessable Content",
          "This Idempotency-Key was used for another request (method, path or body differ); use a new key for a new "
          + "request");
    } else {
      IdempotencyKeys.Answer answer = earlier.get();
      response.setStatus(answer.status());
      if (answer.contentType() != null) {
        response.setContentType(answer.contentType());
      }
      if (answer.location() != null) {
        response.setHeader(HttpHeaders.LOCATION, answer.location());
      }
      response.setHeader("Idempotent-Replayed", "true");
      if (answer.body() != null) {
        response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String unquoted(String header) {
    String value = header.trim();
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  private static String fingerprint(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
      sha256.update(body);
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
