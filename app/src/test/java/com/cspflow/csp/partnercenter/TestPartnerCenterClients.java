package com.cspflow.csp.partnercenter;

import com.cspflow.csp.CspPort;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real Partner Center clients for tests, pointed at a loopback server, with a recording instead of a sleeping wait. */
public final class TestPartnerCenterClients {

  public static final String CLIENT_ID = "test-client";
  public static final String CLIENT_SECRET = "test-secret-do-not-log";
  public static final String REFRESH_TOKEN = "test-refresh-token-do-not-log";

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
    return new PartnerCenterProperties(baseUrl, baseUrl + "/oauth2/token", "https://api.partnercenter.microsoft.com",
        "partner-tenant", CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, Duration.ofSeconds(2), readTimeout,
        tokenExpiryMargin, "SE", new PartnerCenterProperties.Throttling(Duration.ofSeconds(10), maxThrottledAttempts));
  }

  public static CspPort client(String baseUrl) {
    return client(properties(baseUrl, Duration.ofSeconds(5), Duration.ofMinutes(5), 3), new RecordedWaits());
  }

  public static CspPort client(PartnerCenterProperties properties, RecordedWaits waits) {
    return new PartnerCenterClient(properties, waits,
        Clock.systemUTC());
  }
}
