package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * What Spring Security's firewall refuses before any filter chain (a method no path offers, such as TRACE or
 * PROPFIND; an encoded slash, a backslash or a path with "/../") is answered with problem details like every other
 * refusal. Until now these were a 400 with an empty body: the firewall refused the error page's own dispatch too.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

  /** The methods Spring Security's strict firewall lets through, all that any path of cspflow offers. */
  static final Set<String> OFFERED_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

  private final ProblemResponses problems;

  public RejectedRequests(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    if (!OFFERED_METHODS.contains(request.getMethod())) {
      response.setHeader(HttpHeaders.ALLOW, String.join(", ", OFFERED_METHODS.stream().sorted().toList()));
      problems.write(request, response, 405, "Method Not Allowed", ProblemErrorPages.detail(405));
    } else {
      problems.write(request, response, 400, "Bad Request", ProblemErrorPages.detail(400));
    }
  }
}
