package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Matcher;
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
 *   <li>A multipart type without its boundary ({@code multipart/form-data}) is a malformed request (400): no part of
 *       the body can be found, and Tomcat's parser failed the request before any handler (a 500).
 *   <li>A body with a Content-Encoding (gzip, br) is one this server cannot read (415): the header was ignored, so a
 *       compressed body failed as "not valid JSON" and a plain one labelled compressed was read as plain.
 * </ul>
 */
public class ReadableMediaTypes extends OncePerRequestFilter {

  static final String ACCEPT_PROBLEM = "must be a list of media types, such as application/json";
  static final String CONTENT_TYPE_PROBLEM = "must be the body's media type, such as application/json";
  static final String MULTIPART_PROBLEM = ", and a multipart type names its boundary";
  static final String CHARSET_PROBLEM = ", in a character set such as UTF-8";
  static final String CONTENT_ENCODING_PROBLEM =
      "must be left out (or identity): bodies are read as sent, not compressed";
  private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)",
      Pattern.CASE_INSENSITIVE);

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
    if (contentType != null && (mayCarryBody(request) || multipart(contentType))) {
      MediaType body;
      try {
        body = MediaType.parseMediaType(contentType);
      } catch (InvalidMediaTypeException unreadable) {
        // Spring refuses a character set it does not know as it parses the type
        if (unknownCharset(contentType)) {
          refuse(request, response, 415, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM + CHARSET_PROBLEM);
        } else {
          refuse(request, response, 400, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM);
        }
        return;
      }
      if ("multipart".equals(body.getType()) && body.getParameter("boundary") == null) {
        refuse(request, response, 400, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM + MULTIPART_PROBLEM);
        return;
      }
      if (body.isWildcardType() || body.isWildcardSubtype()) {
        refuse(request, response, 415, HttpHeaders.CONTENT_TYPE, CONTENT_TYPE_PROBLEM);
        return;
      }
    }
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.strip().equalsIgnoreCase("identity") && mayCarryBody(request)) {
      refuse(request, response, 415, HttpHeaders.CONTENT_ENCODING, CONTENT_ENCODING_PROBLEM);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * A read (GET, HEAD, OPTIONS) carries no body unless it says so; its Content-Type is then no concern, unless it is
   * multipart ({@link #multipart}).
   */
  private static boolean mayCarryBody(HttpServletRequest request) {
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    return !read || request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /** Spring MVC parses a multipart request's parts whatever its method, a read without a body too. */
  private static boolean multipart(String contentType) {
    return contentType.strip().regionMatches(true, 0, "multipart/", 0, "multipart/".length());
  }

  private static boolean unknownCharset(String contentType) {
    Matcher charset = CHARSET.matcher(contentType);
    try {
      return charset.find() && !Charset.isSupported(charset.group(1));
    } catch (IllegalArgumentException illegalName) {
      return true;
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String header,
      String problem) throws IOException {
    problems.write(request, response, status, status == 415 ? "Unsupported media type" : "Invalid input",
        "The " + header + " header " + problem, Map.of(header, problem));
  }
}
