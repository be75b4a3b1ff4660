package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The media type headers are read before anything else, and one that cannot be is refused naming the header:
 * <ul>
 *   <li>An Accept header that is no list of media types ({@code Accept: nonsense}) is a malformed request (400).
 *       Spring MVC took it for a media type nothing can be written in and answered 406 with an empty body, since its
 *       problem could not be written in that "type" either.
 *   <li>A Content-Type that is no media type is a malformed request (400); one that names no type of body
 *       ({@code *}{@code /*}, {@code application/*}) or a character set this server does not know is a body it cannot
 *       read (415). Spring MVC failed on the wildcard with an IllegalArgumentException, a 500.
 * </ul>
 */
public class ReadableMediaTypes extends OncePerRequestFilter {

  static final String ACCEPT_PROBLEM = "must be a list of media types, such as application/json";
  static final String CONTENT_TYPE_PROBLEM = "must be the body's media type, such as application/json";
  private static final String CHARSET_HINT = ", in a character set such as UTF-8";
  private static final Pattern CHARSET_PARAMETER =
      Pattern.compile(";\\s*charset\\s*=\\s*(\"[^\"]*\"|[^;]*)", Pattern.CASE_INSENSITIVE);

  private final ProblemResponses problems;

  public ReadableMediaTypes(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
    } catch (InvalidMediaTypeException unreadable) {
      refuse(request, response, 400, HttpHeaders.ACCEPT, ACCEPT_PROBLEM);
      return;
    }
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && mayCarryBody(request)) {
      MediaType body;
      try {
        body = MediaType.parseMediaType(contentType);
      } catch (InvalidMediaTypeException unreadable) {
        // Spring refuses to parse a media type whose charset it does not know: that is a body it cannot read (415)
        boolean onlyTheCharset = parses(CHARSET_PARAMETER.matcher(contentType).replaceAll(""));
        refuse(request, response, onlyTheCharset ? 415 : 400, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM
            + (onlyTheCharset ? CHARSET_HINT : ""));
        return;
      }
      if (body.isWildcardType() || body.isWildcardSubtype()) {
        refuse(request, response, 415, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** A read (GET, HEAD, OPTIONS) carries no body unless it says so; its Content-Type is then no concern. */
  private static boolean mayCarryBody(HttpServletRequest request) {
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    return !read || request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean parses(String mediaType) {
    try {
      MediaType.parseMediaType(mediaType);
      return true;
    } catch (InvalidMediaTypeException unreadable) {
      return false;
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String header,
      String problem) throws IOException {
    problems.write(request, response, status, status == 415 ? "Unsupported media type" : "Invalid input",
        "The " + header + " header " + problem, Map.of(header, problem));
  }
}
