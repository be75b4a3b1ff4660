package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON or form body must be well-formed UTF-8. Jackson decodes UTF-8 itself and took overlong forms for the
 * characters they spell: {@code C0 BC} became "<", so {@code "Lt\xC0\xBCscript\xC0\xBE"} was stored as
 * {@code Lt<script>}, past any check of the bytes that were sent. Java's own decoder refuses those, and so does this
 * filter (400 naming the body), before anything reads it. Runs after {@link RequestSizeLimit}: at most 64 KiB is read.
 */
public class Utf8Bodies extends OncePerRequestFilter {

  static final String PROBLEM = "must be valid UTF-8 text";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProblemResponses problems;

  public Utf8Bodies(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() == 0 || !textBody(request.getContentType())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException malformed) {
      String path = request.getRequestURI();
      if (path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException",
            "message", "The body " + PROBLEM)));
      } else {
        problems.write(request, response, 400, "Invalid input", "The body " + PROBLEM, Map.of("body", PROBLEM));
      }
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** JSON (and +json) and forms: what is read as UTF-8 text. */
  private static boolean textBody(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json")
          || MediaType.APPLICATION_FORM_URLENCODED.includes(type);
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
