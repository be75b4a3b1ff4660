package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's strict firewall, run before every other filter rather than only inside the security filter
 * chain: a path parameter or a "/../" in front of a servlet that is not Spring's ({@code /engine-rest;x=1/task},
 * {@code /api/../engine-rest/task}) made the filters before the chain fail to split the path (an anonymous 500 with an
 * ERROR stack trace); it is the firewall's 400 problem ({@link RejectedRequests}) like the same mistake under /api.
 * A request that gives its credentials, its body's type or its host twice is refused (400 naming the header): the
 * first one counted here, and a proxy in front may have read the other.
 */
@Component
class FirewallFirst extends OncePerRequestFilter implements Ordered {

  /** Headers that say one thing: sent twice, servers and proxies may each read another one. */
  static final List<String> ONCE_ONLY = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.HOST);

  private final HttpFirewall firewall = new StrictHttpFirewall();
  private final RejectedRequests rejected;
  private final ProblemResponses problems;

  FirewallFirst(RejectedRequests rejected, ProblemResponses problems) {
    this.rejected = rejected;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException refused) {
      rejected.handle(request, response, refused);
      return;
    }
    for (String header : ONCE_ONLY) {
      Enumeration<String> values = request.getHeaders(header);
      if (values != null && values.hasMoreElements()) {
        values.nextElement();
        if (values.hasMoreElements()) {
          String problem = "must be given once";
          problems.write(request, response, 400, "Bad Request", header + " " + problem, Map.of(header, problem));
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }
}
