package com.cspflow.platform.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API clients integrations sign in with: registered by an administrator (the secret is shown once), disabled
 * when a partner leaves or a secret leaks. A disabled client's tokens stop working within {@link #RECHECK}.
 */
@Service
public class ApiClients {

  private static final Logger LOG = LoggerFactory.getLogger(ApiClients.class);
  /** How long a client is trusted to still be enabled before the database is asked again. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final ApiClientRepository clients;
  private final ApiSettings settings;
  private final Clock clock;
  private final BCryptPasswordEncoder hashes = new BCryptPasswordEncoder();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Checked> recentlyChecked = new ConcurrentHashMap<>();

  private record Checked(Optional<ApiClient> client, Instant at) {}

  /** A client just registered: the only moment its secret exists outside the caller's hands. */
  public record Credentials(String clientId, String clientSecret, ApiClient client) {}

  public ApiClients(ApiClientRepository clients, ApiSettings settings, Clock clock) {
    this.clients = clients;
    this.settings = settings;
    this.clock = clock;
  }

  /** Registers a client; its secret is generated (256 random bits) unless one is given (local clients only). */
  @Transactional
  public Credentials register(String clientId, String name, ApiRole role, String partnerId, String createdBy) {
    return register(clientId, name, role, partnerId, createdBy, newSecret());
  }

  private Credentials register(String clientId, String name, ApiRole role, String partnerId, String createdBy,
      String secret) {
    if (role != ApiRole.PARTNER && role != ApiRole.MARKETPLACE) {
      throw new IllegalArgumentException("API clients are partners' systems or the marketplace's portal");
    }
    if (clientId == null || !clientId.matches(ApiClient.ID_PATTERN)) {
      throw new IllegalArgumentException("A client id " + ApiClient.ID_HINT);
    }
    if ((role == ApiRole.PARTNER) != (partnerId != null)) {
      throw new IllegalArgumentException("A partner's client names its partner; the marketplace's client does not");
    }
    ApiClient client = new ApiClient(clientId, name, role, partnerId, true, clock.instant(), createdBy);
    try {
      clients.insert(client, hashes.encode(secret));
    } catch (DuplicateKeyException taken) {
      throw new ClientIdTaken(clientId);
    }
    LOG.info("API client {} registered by {} ({}{})", clientId, createdBy, role,
        partnerId == null ? "" : " for partner " + partnerId);
    return new Credentials(clientId, secret, client);
  }

  public List<ApiClient> all() {
    return clients.all();
  }

  /** A client, enabled or not, as stored now (without its secret's hash). */
  public Optional<ApiClient> find(String clientId) {
    return clients.find(clientId).map(ApiClientRepository.Stored::client);
  }

  @Transactional
  public boolean disable(String clientId) {
    recentlyChecked.remove(clientId);
    boolean disabled = clients.disable(clientId, clock.instant());
    if (disabled) {
      LOG.info("API client {} disabled", clientId);
    }
    return disabled;
  }

  /** An enabled client, as of at most {@link #RECHECK} ago. */
  public Optional<ApiClient> enabled(String clientId) {
    Instant now = clock.instant();
    Checked checked = recentlyChecked.get(clientId);
    if (checked == null || checked.at().plus(RECHECK).isBefore(now)) {
      checked = new Checked(clients.find(clientId).map(ApiClientRepository.Stored::client)
          .filter(ApiClient::enabled), now);
      recentlyChecked.put(clientId, checked);
    }
    return checked.client();
  }

  Optional<ApiClientRepository.Stored> stored(String clientId) {
    return clients.find(clientId);
  }

  /** The clients of cspflow.api.local-clients (a laptop, the tests), with the secrets configured there. */
  public void registerLocalClients() {
    for (ApiSettings.LocalClient local : settings.localClients()) {
      if (clients.find(local.clientId()).isEmpty()) {
        try {
          register(local.clientId(), local.name(), local.role(), local.partnerId(), "configuration", local.secret());
        } catch (ClientIdTaken registeredMeanwhile) {
          LOG.debug("Local API client {} was registered by another node", local.clientId());
        }
      }
    }
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A client id that is already registered. */
  public static class ClientIdTaken extends RuntimeException {
    ClientIdTaken(String clientId) {
      super("API client " + clientId + " exists already");
    }
  }
}
