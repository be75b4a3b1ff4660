package com.cspflow.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CSP sandbox (module sandbox) as a process of its own, as in production where Partner Center is another
 * machine: started from its jar, which the reactor builds before this module, on a free loopback port, and stopped
 * when this JVM ends. One per JVM and settings: every test context of a run talks to the same sandbox.
 */
public final class SandboxProcess {

  /** The app registration and administrator the sandbox is started with (test values, never a real secret). */
  public static final String TENANT_ID = "6f0f8e7c-5a4b-4c3d-9e2f-1a2b3c4d5e6f";
  public static final String CLIENT_ID = "cspflow-test-app";
  public static final String CLIENT_SECRET = "test-client-secret-not-for-production";
  public static final String ADMIN_USER = "sandbox-admin";
  public static final String ADMIN_PASSWORD = "test-sandbox-admin-password";
  public static final String REFRESH_TOKEN = "test-refresh-token-not-for-production";
  /** The partner's agent security group: GDAP roles count in the sandbox only when assigned to it. */
  public static final String AGENT_GROUP_ID = "3b5e8e0c-5d21-4f0a-9c8e-6a1f2d7c4b90";

  /** How the tests want it: orders complete only when a test moves a customer's time forward. */
  public static final Map<String, String> TEST_SETTINGS = Map.of("SANDBOX_ORDER_COMPLETION_DELAY", "1h");

  private static final Map<Map<String, String>, SandboxProcess> RUNNING = new LinkedHashMap<>();

  private final Process process;
  private final String baseUrl;

  private SandboxProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** The CPU time the sandbox's process has used so far (zero where the platform does not tell). */
  public java.time.Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
  }

  /** The sandbox with these settings (environment variables of the sandbox, README "The sandbox"), started once. */
  public static synchronized SandboxProcess withSettings(Map<String, String> settings) {
    SandboxProcess sandbox = RUNNING.get(settings);
    if (sandbox == null || !sandbox.process.isAlive()) {
      sandbox = start(settings);
      RUNNING.put(Map.copyOf(settings), sandbox);
    }
    return sandbox;
  }

  /** The sandbox the tests use. */
  public static SandboxProcess forTests() {
    return withSettings(TEST_SETTINGS);
  }

  /** Partner Center's root (the client adds /v1/...). */
  public String baseUrl() {
    return baseUrl;
  }

  /** Microsoft Graph's {@code https://graph.microsoft.com/v1.0} in the sandbox. */
  public String graphBaseUrl() {
    return baseUrl + "/graph/v1.0";
  }

  public String tokenUrl() {
    return baseUrl + "/" + TENANT_ID + "/oauth2/token";
  }

  public String adminUrl() {
    return baseUrl + "/sandbox-admin";
  }

  /** What cspflow needs to sign in to this sandbox as it would to Microsoft. */
  public Map<String, Object> cspflowProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("cspflow.csp.base-url", baseUrl);
    properties.put("cspflow.csp.partner-api-base-url", baseUrl);
    properties.put("cspflow.csp.graph-base-url", graphBaseUrl());
    properties.put("cspflow.csp.login-url", baseUrl);
    properties.put("cspflow.csp.token-url", tokenUrl());
    properties.put("cspflow.csp.tenant-id", TENANT_ID);
    properties.put("cspflow.csp.client-id", CLIENT_ID);
    properties.put("cspflow.csp.client-secret", CLIENT_SECRET);
    properties.put("cspflow.csp.refresh-token", REFRESH_TOKEN);
    properties.put("cspflow.csp.gdap.agent-group-id", AGENT_GROUP_ID);
    properties.put("cspflow.csp.billing-storage-hosts", java.net.URI.create(baseUrl).getHost());
    // The sandbox signs its webhook events with a certificate of its own authority, served from its own host
    properties.put("cspflow.csp.events.certificate-hosts", java.net.URI.create(baseUrl).getHost());
    // as a file: address, so that a node started from the production jar (without the test classes) reads it too
    properties.put("cspflow.csp.events.trust-anchors", java.util.Objects.requireNonNull(
        SandboxProcess.class.getResource("/partner-center-events/sandbox-notifications-ca.pem"),
        "the sandbox's notification authority is among the test resources").toString());
    return properties;
  }

  private static SandboxProcess start(Map<String, String> settings) {
    Path jar = Path.of(System.getProperty("cspflow.sandbox.jar", "../sandbox/target/csp-sandbox.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No CSP sandbox jar at " + jar.toAbsolutePath()
          + ": build it first (mvn verify from the repository's root builds the sandbox before the application)");
    }
    int port = settings.containsKey("SANDBOX_PORT") ? Integer.parseInt(settings.get("SANDBOX_PORT")) : freePort();
    Path log = Path.of("target", "csp-sandbox-" + port + ".log");
    // Its heap holds the in-memory database: a benchmark that seeds hundreds of thousands of subscriptions sets more.
    String heap = "-Xmx" + System.getProperty("cspflow.sandbox.heap", "768m");
    List<String> command = new ArrayList<>(List.of(javaExecutable(), heap, "-XX:+UseSerialGC"));
    // e.g. -Dcspflow.sandbox.jvmArgs=-XX:StartFlightRecording=filename=/tmp/sandbox.jfr to profile it in a benchmark
    String jvmArgs = System.getProperty("cspflow.sandbox.jvmArgs", "").trim();
    if (!jvmArgs.isEmpty()) {
      command.addAll(List.of(jvmArgs.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.address=127.0.0.1",
        "--spring.main.banner-mode=off"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    Map<String, String> environment = builder.environment();
    // cspflow's own settings (its database above all, its port: SERVER_PORT=18080 for cspflow is not the sandbox's)
    // must not reach the sandbox, which gets its port from SANDBOX_PORT.
    environment.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("CSPFLOW_")
        || name.startsWith("SERVER_") || name.startsWith("MANAGEMENT_"));
    environment.put("SANDBOX_PORT", String.valueOf(port));
    environment.put("SANDBOX_CLIENT_ID", CLIENT_ID);
    environment.put("SANDBOX_CLIENT_SECRET", CLIENT_SECRET);
    environment.put("SANDBOX_REFRESH_TOKEN", REFRESH_TOKEN);
    environment.put("SANDBOX_ADMIN_USER", ADMIN_USER);
    environment.put("SANDBOX_ADMIN_PASSWORD", ADMIN_PASSWORD);
    environment.put("SANDBOX_GDAP_AGENT_GROUP_ID", AGENT_GROUP_ID);
    // Its events name the address cspflow trusts (events.certificate-hosts below), whichever address the change
    // that caused them came in on: a README call to localhost:8090 as well as cspflow's own calls to 127.0.0.1.
    environment.put("SANDBOX_EVENTS_ADDRESS", "http://127.0.0.1:" + port);
    environment.putAll(settings);
    try {
      Files.createDirectories(log.getParent());
      Process process = builder.start();
      SandboxProcess sandbox = new SandboxProcess(process, "http://127.0.0.1:" + port);
      Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop, "csp-sandbox-stop"));
      sandbox.awaitHealthy(log);
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the CSP sandbox", e);
    }
  }

  private void awaitHealthy(Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The CSP sandbox stopped while starting; see " + log.toAbsolutePath());
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while the CSP sandbox started", e);
      }
      sleep(200);
    }
    stop();
    throw new IllegalStateException("The CSP sandbox did not become healthy within 90 s; see " + log.toAbsolutePath());
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
