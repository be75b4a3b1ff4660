package com.cspflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
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
 */
@Component
class FirewallFirst extends OncePerRequestFilter implements Ordered {

  private final HttpFirewall firewall = new StrictHttpFirewall();
  private final RejectedRequests rejected;

  FirewallFirst(RejectedRequests rejected) {
    this.rejected = rejected;
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
    chain.doFilter(request, response);
  }
}
