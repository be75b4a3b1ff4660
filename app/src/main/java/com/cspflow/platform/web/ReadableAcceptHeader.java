package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An Accept header that is no list of media types ({@code Accept: nonsense}) is a malformed request: 400 naming the
 * header. Spring MVC took it for a media type nothing can be written in and answered 406 with an empty body, since
 * its problem could not be written in that "type" either.
 */
public class ReadableAcceptHeader extends OncePerRequestFilter {

  static final String PROBLEM = "must be a list of media types, such as application/json";

  private final ProblemResponses problems;

  public ReadableAcceptHeader(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
    } catch (InvalidMediaTypeException unreadable) {
      problems.write(request, response, 400, "Invalid input", "The Accept header " + PROBLEM,
          Map.of(HttpHeaders.ACCEPT, PROBLEM));
      return;
    }
    chain.doFilter(request, response);
  }
}
