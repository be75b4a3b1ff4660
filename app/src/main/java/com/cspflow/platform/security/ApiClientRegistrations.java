package com.cspflow.platform.security;

import java.time.ZoneOffset;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The API clients as Spring Authorization Server sees them: client credentials only (HTTP Basic or form), one
 * scope, self-contained (JWT) access tokens. Registration happens through {@link ApiClients}, never here.
 */
@Component
class ApiClientRegistrations implements RegisteredClientRepository {

  static final String SCOPE = "api";

  private final ApiClients clients;
  private final ApiSettings settings;

  ApiClientRegistrations(ApiClients clients, ApiSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException("API clients are registered through /api/admin/clients");
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return clients.stored(clientId).filter(stored -> stored.client().enabled())
        .map(stored -> RegisteredClient.withId(clientId)
            .clientId(clientId)
            .clientName(stored.client().name())
            .clientIdIssuedAt(stored.client().createdAt().atOffset(ZoneOffset.UTC).toInstant())
            .clientSecret("{bcrypt}" + stored.secretHash())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope(SCOPE)
            .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(settings.tokenLifetime()).build())
            .build())
        .orElse(null);
  }
}
