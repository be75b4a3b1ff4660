package com.cspflow.cluster;

import com.cspflow.support.SandboxProcess;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cspflow node as production runs it: the built jar in a JVM of its own, with its job executor, on a database it
 * shares with other nodes, signed in to the sandbox as to Microsoft. It can be stopped as an orchestrator stops it
 * (SIGTERM) or killed ({@code kill -9}) and started again.
 */
final class NodeProcess {

  private final String name;
  private final int port;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  private NodeProcess(String name, int port, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.environment = environment;
    this.log = Path.of("target", "cluster", name + "-" + port + ".log");
  }

  /** A node named {@code name} on the database, pointed at the sandbox; {@code extra} overrides settings. */
  static NodeProcess on(ClusterDatabase database, SandboxProcess sandbox, String name, Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(database.environment());
    environment.put("SPRING_PROFILES_ACTIVE", "embedded");
    environment.put("CSPFLOW_NODE_ID", name);
    environment.put("CSPFLOW_RETRY_CYCLE", "R5/PT2S");
    environment.put("CSPFLOW_MAIL_OUTBOX", Path.of("target", "cluster", name + "-outbox").toAbsolutePath().toString());
    sandbox.cspflowProperties().forEach((property, value) ->
        environment.put(property.toUpperCase().replace('.', '_').replace('-', '_'), String.valueOf(value)));
    environment.putAll(extra);
    return new NodeProcess(name, freePort(), environment);
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  NodeProcess start() {
    Path jar = Path.of(System.getProperty("cspflow.app.jar", "target/cspflow-0.1.0-SNAPSHOT.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No application jar at " + jar.toAbsolutePath() + ": run mvn verify");
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(javaExecutable(), "-Xmx640m", "-XX:+UseSerialGC",
        "-Duser.timezone=Europe/Stockholm", "-jar", jar.toAbsolutePath().toString(), "--server.address=127.0.0.1",
        "--server.port=" + port, "--spring.main.banner-mode=off"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CSPFLOW_"));
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start node " + name, e);
    }
    return this;
  }

  /** Waits until the node says it is ready (readiness probe), at most {@code limit}. */
  NodeProcess awaitReady(Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Node " + name + " stopped while starting; see " + log.toAbsolutePath());
      }
      if (readiness() == 200) {
        return this;
      }
      sleep(250);
    }
    throw new IllegalStateException("Node " + name + " not ready within " + limit + "; see " + log.toAbsolutePath());
  }

  /** The readiness probe's status code, or 0 when the node does not answer. */
  int readiness() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
          + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notAnswering) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** {@code kill -9}: the node dies at once, with whatever it was doing. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, as an orchestrator stops a node; the exit code once it has stopped. */
  int terminate(Duration limit) {
    process.destroy();
    if (!waitFor(limit)) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
      throw new IllegalStateException("Node " + name + " did not stop within " + limit + " after SIGTERM");
    }
    return process.exitValue();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  private boolean waitFor(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
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
