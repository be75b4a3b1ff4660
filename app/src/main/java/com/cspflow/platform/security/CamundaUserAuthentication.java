package com.cspflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import com.cspflow.platform.CspflowGroups;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * People (back office, process owners, administrators) sign in with their cspflow account (Camunda's identity
 * service) over HTTP Basic on the project API, Actuator and the engine's REST API; their groups give their roles.
 * A verified user name and password is remembered for {@code cspflow.rest.remember-credentials} (a salted hash,
 * never the password), so that a run of calls does not pay a password check and a membership query each. A wrong
 * password never locks the person out: Camunda's per-user lock is off, and {@link SignInThrottle} slows down the
 * address that sends wrong passwords instead.
 */
@Component
public class CamundaUserAuthentication implements AuthenticationProvider {

  static final int MAX_REMEMBERED = 1_000;
  /**
   * No user id has a control character; one with a NUL byte would even fail the identity query on PostgreSQL
   * (a 500 for anyone who sends it), so such a name is a wrong sign-in before the database is asked.
   */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  /** Who a person is to cspflow: the Camunda user and groups, for the engine's own authorization checks. */
  public record Person(String userId, List<String> groups) implements AuthenticatedPrincipal {

    @Override
    public String getName() {
      return userId;
    }
  }

  private record Verified(Person person, Instant until) {}

  private final IdentityService identityService;
  private final Duration remember;
  private final Clock clock;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final byte[] salt = new byte[16];

  public CamundaUserAuthentication(IdentityService identityService,
      @Value("${cspflow.rest.remember-credentials:PT1M}") Duration remember, Clock clock) {
    this.identityService = identityService;
    this.remember = remember;
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    String key = fingerprint(userId, password);
    Instant now = clock.instant();
    Verified known = verified.get(key);
    if (known == null || !now.isBefore(known.until())) {
      if (userId == null || userId.isBlank() || CONTROL.matcher(userId).find() || password.isEmpty()
          || !identityService.checkPassword(userId, password)) {
        verified.remove(key);
        throw new BadCredentialsException("Wrong user name or password");
      }
      List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
          .toList();
      known = new Verified(new Person(userId, groups), now.plus(remember));
      if (!remember.isZero()) {
        if (verified.size() >= MAX_REMEMBERED) {
          verified.clear();
        }
        verified.put(key, known);
      }
    }
    return UsernamePasswordAuthenticationToken.authenticated(known.person(), null, authorities(known.person()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  static List<GrantedAuthority> authorities(Person person) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    if (person.groups().contains(Groups.CAMUNDA_ADMIN)) {
      authorities.add(new SimpleGrantedAuthority(ApiRole.ADMIN.authority()));
    }
    if (person.groups().contains(CspflowGroups.BACKOFFICE)) {
      authorities.add(new SimpleGrantedAuthority(ApiRole.BACKOFFICE.authority()));
    }
    if (person.groups().contains(CspflowGroups.PROCESS_OWNERS)) {
      authorities.add(new SimpleGrantedAuthority(ApiRole.OPERATOR.authority()));
    }
    return authorities;
  }

  private String fingerprint(String userId, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      sha256.update(String.valueOf(userId).getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(password.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
