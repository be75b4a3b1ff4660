package com.cspflow.platform.security;

import com.cspflow.platform.CspflowGroups;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling the project API: an API client (a partner's system, the marketplace's portal) or a person, with
 * the roles that decide what it may do and, for a partner's client, the one partner it acts for.
 *
 * @param id the client id or the user id; what records of who did something show
 * @param client true for an API client, false for a person
 * @param engineGroups the engine groups whose authorizations apply to what the caller starts: a person's own groups,
 *     the integration group for an API client
 */
public record ApiCaller(String id, boolean client, Set<ApiRole> roles, String partnerId, List<String> engineGroups) {

  /** Claims of the API's access tokens. */
  public static final String ROLE_CLAIM = "cspflow_role";
  public static final String PARTNER_CLAIM = "partner_id";

  public static ApiCaller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken token) {
      Jwt jwt = token.getToken();
      ApiRole role = ApiRole.valueOf(jwt.getClaimAsString(ROLE_CLAIM));
      return new ApiCaller(jwt.getSubject(), true, EnumSet.of(role), jwt.getClaimAsString(PARTNER_CLAIM),
          List.of(CspflowGroups.INTEGRATION));
    }
    if (authentication != null && authentication.getPrincipal() instanceof CamundaUserAuthentication.Person person) {
      Set<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
      authentication.getAuthorities().forEach(a -> {
        for (ApiRole role : ApiRole.values()) {
          if (role.authority().equals(a.getAuthority())) {
            roles.add(role);
          }
        }
      });
      return new ApiCaller(person.userId(), false, roles, null, person.groups());
    }
    throw new IllegalStateException("No signed-in caller");
  }

  /** May act (change things) for any partner it names: the portal, the back office, administrators. */
  public boolean actsForAnyPartner() {
    return roles.contains(ApiRole.MARKETPLACE) || roles.contains(ApiRole.BACKOFFICE) || roles.contains(ApiRole.ADMIN);
  }

  /** May read any partner's data: those who act for any, and operators. */
  public boolean readsAnyPartner() {
    return actsForAnyPartner() || roles.contains(ApiRole.OPERATOR);
  }

  /** The user id the engine records (start user, requester): {@code client:<id>} for an API client. */
  public String engineUserId() {
    return client ? "client:" + id : id;
  }
}
