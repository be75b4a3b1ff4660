package com.cspflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the API's authorization server offers, and nothing it does not: client credentials at {@code /oauth2/token}
 * (client id and secret as HTTP Basic or form fields) and the key set at {@code /oauth2/jwks}. Spring's authorization
 * server also answered revocation (200, though a self-contained token cannot be revoked: it went on working),
 * introspection ("active": false for a valid token) and the endpoints of flows no client here uses, and its metadata
 * advertised them all. Those paths are 404 now, with a sentence saying how a client's tokens are stopped (disable the
 * client), a read of the token endpoint is 405, and the metadata lists only what is offered.
 */
@Component
class OfferedOAuth extends OncePerRequestFilter implements Ordered {

  static final String NOT_OFFERED = "This server offers OAuth2 client credentials at /oauth2/token only; a token is "
      + "valid until it expires, and disabling its client (DELETE /api/admin/clients/{clientId}) stops it within 30 "
      + "seconds";

  /** Spring's authorization server's endpoints that no client of this server uses. */
  static final Set<String> NOT_OFFERED_PATHS = Set.of("/oauth2/authorize", "/oauth2/par",
      "/oauth2/device_authorization", "/oauth2/device_verification", "/oauth2/revoke", "/oauth2/introspect",
      "/connect/register", "/userinfo", "/connect/logout");

  private final ProblemResponses problems;

  OfferedOAuth(ProblemResponses problems) {
    this.problems = problems;
  }

  /** Before Spring Security's filters, which would answer these paths. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (NOT_OFFERED_PATHS.contains(path)) {
      problems.write(request, response, 404, "Not Found", NOT_OFFERED);
    } else if (path.equals("/oauth2/token") && !request.getMethod().equals("POST")
        && !request.getMethod().equals("OPTIONS")) {
      response.setHeader(HttpHeaders.ALLOW, "POST");
      problems.write(request, response, 405, "Method Not Allowed",
          "A token is asked for with POST (grant_type=client_credentials)");
    } else {
      chain.doFilter(request, response);
    }
  }

  /** The metadata lists the client credentials grant, its two ways of authenticating, and no endpoint not offered. */
  static void onlyWhatIsOffered(OAuth2AuthorizationServerMetadata.Builder metadata) {
    metadata.claims(claims -> {
      for (String notOffered : List.of("pushed_authorization_request_endpoint", "device_authorization_endpoint",
          "revocation_endpoint", "revocation_endpoint_auth_methods_supported", "introspection_endpoint",
          "introspection_endpoint_auth_methods_supported", "code_challenge_methods_supported",
          "tls_client_certificate_bound_access_tokens", "dpop_signing_alg_values_supported")) {
        claims.remove(notOffered);
      }
      claims.putAll(Map.of("grant_types_supported", List.of("client_credentials"),
          "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post")));
    });
  }
}
