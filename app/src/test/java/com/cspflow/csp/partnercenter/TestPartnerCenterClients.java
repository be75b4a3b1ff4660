package com.cspflow.csp.partnercenter;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.GdapRole;
import com.cspflow.csp.consent.ConsentStore;
import com.cspflow.platform.secrets.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Real Partner Center clients for tests, pointed at a loopback server, with a recording instead of a sleeping wait,
 * and a consent store of their own on an in-memory H2 database (the real store, its table made by its migration),
 * seeded with {@link #REFRESH_TOKEN}.
 */
public final class TestPartnerCenterClients {

  public static final String CLIENT_ID = "test-client";
  public static final String CLIENT_SECRET = "test-secret-do-not-log";
  public static final String REFRESH_TOKEN = "test-refresh-token-do-not-log";
  public static final String AGENT_GROUP_ID = "869713c9-0b28-4d08-8949-ae07ae1bf528";
  private static final String SECRETS_KEY = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

  /** The waits the client asked for on 429, instead of sleeping through them. */
  public static final class RecordedWaits implements PartnerCenterHttp.Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }

    public List<Duration> waits() {
      return waits;
    }
  }

  private TestPartnerCenterClients() {}

  public static PartnerCenterProperties properties(String baseUrl, Duration readTimeout, Duration tokenExpiryMargin,
      int maxThrottledAttempts) {
    return new PartnerCenterProperties(baseUrl, baseUrl, baseUrl + "/graph/v1.0", baseUrl, baseUrl + "/oauth2/token",
        "https://api.partnercenter.microsoft.com", "partner-tenant", CLIENT_ID, CLIENT_SECRET, Duration.ofSeconds(2),
        readTimeout, tokenExpiryMargin, "SE",
        new PartnerCenterProperties.Throttling(Duration.ofSeconds(10), maxThrottledAttempts),
        new PartnerCenterProperties.Gdap(AGENT_GROUP_ID, List.of(GdapRole.DIRECTORY_READERS,
            GdapRole.USER_ADMINISTRATOR, GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR), "P730D", "P180D",
            "cspflow"), List.of(java.net.URI.create(baseUrl).getHost()));
  }

  public static CspPort client(String baseUrl) {
    return client(properties(baseUrl, Duration.ofSeconds(5), Duration.ofMinutes(5), 3), new RecordedWaits());
  }

  public static CspPort client(PartnerCenterProperties properties, RecordedWaits waits) {
    return client(properties, waits, consentStore());
  }

  public static CspPort client(PartnerCenterProperties properties, RecordedWaits waits, ConsentStore consent) {
    return new PartnerCenterClient(properties, waits, Clock.systemUTC(), consent);
  }

  /** A consent store of its own, seeded with {@link #REFRESH_TOKEN}. */
  public static ConsentStore consentStore() {
    DataSource database = new DriverManagerDataSource("jdbc:h2:mem:consent-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1", "sa", "");
    new ResourceDatabasePopulator(new ClassPathResource("db/migration/V60__csp_consent.sql")).execute(database);
    ConsentStore store = new ConsentStore(JdbcClient.create(database), new SecretBox(SECRETS_KEY),
        new DataSourceTransactionManager(database), Clock.systemUTC(), Duration.ofDays(90));
    store.seedIfEmpty(REFRESH_TOKEN);
    return store;
  }
}
