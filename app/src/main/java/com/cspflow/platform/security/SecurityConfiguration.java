package com.cspflow.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import com.cspflow.platform.web.NoNulCharacters;
import com.cspflow.platform.web.ReadableMediaTypes;
import com.cspflow.platform.web.RequestSizeLimit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;

/**
 * Who may call what. Four doors, each with its own rules:
 * <ul>
 *   <li>{@code /oauth2/token}: API clients exchange their client id and secret for a 30-minute access token
 *       (OAuth2 client credentials, Spring Authorization Server), signed with a key all nodes share;
 *   <li>{@code /api/**}: the project API, for API clients (bearer token) and people (HTTP Basic with their cspflow
 *       account); what each may do follows its role ({@link ApiRole}), which partner's data it sees follows
 *       {@link PartnerAccess};
 *   <li>{@code /actuator/**}: liveness, readiness and health status for anyone; details and metrics for operators
 *       and administrators;
 *   <li>{@code /engine-rest/**}: Camunda's generic REST API, for administrators only (operators' tooling); everyone
 *       else uses the project API or the webapps.
 * </ul>
 * The webapps (Tasklist, Cockpit, Admin) keep Camunda's own sign-in and CSRF protection; the engine's authorizations
 * and {@link com.cspflow.platform.input.ProcessEntryGuard} apply to what people do there.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  private static final String[] OPERATOR_READS = {ApiRole.OPERATOR.name(), ApiRole.ADMIN.name()};

  @Bean
  @Order(1)
  SecurityFilterChain tokenEndpoint(HttpSecurity http, ProblemResponses problems) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(authorizationServer, server -> server.authorizationServerMetadataEndpoint(metadata -> metadata
            .authorizationServerMetadataCustomizer(OfferedOAuth::onlyWhatIsOffered)))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain projectApi(HttpSecurity http, CamundaUserAuthentication people, ClientTokens clientTokens,
      JwtDecoder apiTokens, ProblemResponses problems) throws Exception {
    JwtAuthenticationProvider clients = new JwtAuthenticationProvider(apiTokens);
    clients.setJwtAuthenticationConverter(clientTokens);
    http.securityMatcher(path("/api/**"))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .authenticationManager(new ProviderManager(people, clients))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .oauth2ResourceServer(resourceServer -> resourceServer.authenticationEntryPoint(problems)
            .accessDeniedHandler(problems).jwt(jwt -> jwt.jwtAuthenticationConverter(clientTokens)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers("/api/openapi", "/api/openapi/**", "/api/openapi.yaml").permitAll()
            // Partner Center's webhook: Microsoft signs each event, the endpoint checks the signature itself
            .requestMatchers(HttpMethod.POST, "/api/partner-center/events").permitAll()
            .requestMatchers("/api/admin/**").hasRole(ApiRole.ADMIN.name())
            .requestMatchers(HttpMethod.POST, "/api/catalog/refresh")
            .hasAnyRole(ApiRole.BACKOFFICE.name(), ApiRole.ADMIN.name())
            .requestMatchers(reading("/api/billing/**"))
            .hasAnyRole(ApiRole.BACKOFFICE.name(), ApiRole.OPERATOR.name(), ApiRole.ADMIN.name())
            .requestMatchers("/api/billing/**").hasAnyRole(ApiRole.BACKOFFICE.name(), ApiRole.ADMIN.name())
            .requestMatchers(reading("/api/partners/*/margins")).hasAnyRole(ApiRole.MARKETPLACE.name(),
                ApiRole.BACKOFFICE.name(), ApiRole.OPERATOR.name(), ApiRole.ADMIN.name())
            .requestMatchers("/api/partners/*/margins").hasAnyRole(ApiRole.BACKOFFICE.name(), ApiRole.ADMIN.name())
            .requestMatchers(reading("/api/**")).authenticated()
            .requestMatchers("/api/partners/**").hasAnyRole(ApiRole.PARTNER.name(), ApiRole.MARKETPLACE.name(),
                ApiRole.BACKOFFICE.name(), ApiRole.ADMIN.name())
            .anyRequest().denyAll());
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain actuator(HttpSecurity http, CamundaUserAuthentication people, ProblemResponses problems)
      throws Exception {
    http.securityMatcher(path("/actuator/**"))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationManager(new ProviderManager(people))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
            .permitAll()
            .anyRequest().hasAnyRole(OPERATOR_READS));
    return http.build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain engineRest(HttpSecurity http, CamundaUserAuthentication people, ProblemResponses problems)
      throws Exception {
    // The engine's REST API is a servlet of its own (Jersey): match its paths as paths, not as Spring MVC mappings.
    http.securityMatcher(path("/engine-rest/**"))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationManager(new ProviderManager(people))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems.administratorsOnly()))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.administratorsOnly())
            .accessDeniedHandler(problems))
        .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ApiRole.ADMIN.name()));
    return http.build();
  }

  /** The webapps and everything else: Camunda's own sign-in, sessions, CSRF and headers, untouched. */
  @Bean
  @Order(5)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  /**
   * A read of the paths: GET, and HEAD and OPTIONS, which ask what a GET would answer (its headers, the methods
   * offered) and are allowed to whoever may GET. Matched as GET only, a signed-in HEAD or OPTIONS fell through to
   * "deny all" (403) where the GET was answered.
   */
  private static RequestMatcher reading(String pattern) {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(paths.matcher(HttpMethod.GET, pattern), paths.matcher(HttpMethod.HEAD, pattern),
        paths.matcher(HttpMethod.OPTIONS, pattern));
  }

  /** After Spring Security has signed the administrator in, the engine's REST API acts as that user. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestSignsInTheAdministrator() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("cspflow-engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ContainerBasedAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SignInThrottle> signInThrottleFirst(SignInThrottle throttle) {
    var registration = new FilterRegistrationBean<>(throttle);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimitFirst(RequestSizeLimit limit) {
    var registration = new FilterRegistrationBean<>(limit);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<NoNulCharacters> noNulCharactersAfterTheSizeLimit(ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new NoNulCharacters(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ReadableMediaTypes> readableMediaTypes(ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new ReadableMediaTypes(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 26);
    return registration;
  }

  /**
   * No observation of each security filter, authentication and authorization: the requests are observed as a whole
   * (http.server.requests), and the filter-by-filter observations were a tenth of the CPU of an API request.
   */
  @Bean
  SecurityObservationSettings noSecurityFilterObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  JWKSource<SecurityContext> tokenSigningKeys(TokenSigningKey key) {
    return (selector, context) -> selector.select(key.keys());
  }

  @Bean
  JwtDecoder apiTokens(TokenSigningKey key, ApiSettings settings, Clock clock) {
    return new VerifiedTokens(key::publicKey, settings.issuer(), settings.tokenLifetime(), clock);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(ApiSettings settings) {
    return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
  }

  /** The caller's role and, for a partner's client, its partner go into the token. */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> roleAndPartnerClaims(ApiClients clients) {
    return context -> clients.enabled(context.getRegisteredClient().getClientId()).ifPresent(client -> {
      context.getClaims().claim(ApiCaller.ROLE_CLAIM, client.role().name());
      if (client.partnerId() != null) {
        context.getClaims().claim(ApiCaller.PARTNER_CLAIM, client.partnerId());
      }
    });
  }

  /**
   * Client credentials tokens are self-contained and short-lived; nothing needs to look them up again, so none is
   * kept (an in-memory store would grow with every token, a shared one cost a write per token).
   */
  @Bean
  OAuth2AuthorizationService noStoredAuthorizations() {
    return new OAuth2AuthorizationService() {
      @Override
      public void save(OAuth2Authorization authorization) {}

      @Override
      public void remove(OAuth2Authorization authorization) {}

      @Override
      public OAuth2Authorization findById(String id) {
        return null;
      }

      @Override
      public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
      }
    };
  }

  /** A bearer token of an API client that is still enabled, with its role as authority. */
  @org.springframework.stereotype.Component
  static class ClientTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final ApiClients clients;

    ClientTokens(ApiClients clients) {
      this.clients = clients;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
      ApiClient client = clients.enabled(jwt.getSubject())
          .orElseThrow(() -> new DisabledException("This API client is disabled"));
      if (!client.role().name().equals(jwt.getClaimAsString(ApiCaller.ROLE_CLAIM))) {
        throw new DisabledException("This API client's role changed; get a new token");
      }
      return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(client.role().authority())),
          client.clientId());
    }
  }
}
