package com.cspflow.platform.web;

import com.cspflow.platform.security.ApiSettings;
import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than {@code cspflow.api.max-request-bytes} (64 KiB) reaches the API, the engine's REST API
 * or the webapps: nothing cspflow takes is that large, and a megabyte "variable" is refused (413) before anything
 * reads it. A body sent without a length (chunked) is read up to the limit first.
 */
@Component
public class RequestSizeLimit extends OncePerRequestFilter {

  private final int maxBytes;
  private final ProblemResponses problems;

  public RequestSizeLimit(ApiSettings settings, ProblemResponses problems) {
    this.maxBytes = settings.maxRequestBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(request, response);
      return;
    }
    if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
      InputStream in = request.getInputStream();
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        tooLarge(request, response);
        return;
      }
      chain.doFilter(new CachedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    problems.write(request, response, 413, "Content Too Large",
        "The request body is larger than " + maxBytes + " bytes");
  }
}
