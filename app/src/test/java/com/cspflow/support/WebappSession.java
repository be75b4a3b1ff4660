package com.cspflow.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A person signed in to the webapps (Tasklist, Cockpit) as the browser is: the login form, the session cookie and
 * Camunda's CSRF token; then the webapps' own REST API ({@code /camunda/api/engine/engine/default/...}), the one
 * Tasklist calls to start processes and complete tasks.
 */
public final class WebappSession {

  public record Answer(int status, String body) {}

  private final String base;
  private final HttpClient http;
  private final CookieManager cookies;
  private String csrfToken;

  private WebappSession(String base) {
    this(base, new CookieManager(), null);
  }

  private WebappSession(String base, CookieManager cookies, String csrfToken) {
    this.base = base;
    this.cookies = cookies;
    this.csrfToken = csrfToken;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Nobody signed in. */
  public static WebappSession anonymous(String rootUri) {
    return new WebappSession(rootUri);
  }

  /** The same browser session (cookies, CSRF token) sent to another node behind the same address. */
  public WebappSession at(String otherRootUri) {
    return new WebappSession(otherRootUri, cookies, csrfToken);
  }

  /** Signs in to Tasklist; fails when the webapps refuse the user name and password. */
  public static WebappSession signIn(String rootUri, String user, String password) {
    return signIn(rootUri, user, password, "tasklist");
  }

  /** Signs in to one of the webapps (tasklist, cockpit, admin), as its login page does. */
  public static WebappSession signIn(String rootUri, String user, String password, String app) {
    WebappSession session = new WebappSession(rootUri);
    Answer login = session.loginAs(user, password, app);
    if (login.status() != 200) {
      throw new IllegalStateException("Webapp sign-in refused for " + user + ": " + login.status());
    }
    // As the webapp does after signing in: its first call picks up the CSRF token of the new session.
    session.send(HttpRequest.newBuilder(URI.create(rootUri + "/camunda/api/admin/auth/user/default")).GET());
    return session;
  }

  /** The login form's answer (200, or 401 for wrong credentials). */
  public Answer loginAs(String user, String password, String app) {
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public Answer get(String enginePath) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + enginePath)).GET());
  }

  public Answer post(String enginePath, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + enginePath))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Any method on the webapps' engine API, with a JSON body or none. */
  public Answer send(String method, String enginePath, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + enginePath))
        .header("Content-Type", "application/json").method(method, json == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  private Answer send(HttpRequest.Builder request) {
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
      for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
        if (cookie.getName().equals("XSRF-TOKEN")) {
          csrfToken = cookie.getValue();
        }
      }
      return new Answer(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
