package com.cspflow;

import com.cspflow.support.SandboxProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole back office on a laptop (README, "The two commands"): the CSP sandbox as a process of its own on port
 * 8090, then cspflow on the embedded default, signed in to the sandbox as an installation signs in to Microsoft.
 * Started by {@code mvn -DskipTests package spring-boot:test-run} from the repository's root.
 */
public final class TestCspflowApplication {

  private TestCspflowApplication() {}

  public static void main(String[] args) {
    SandboxProcess sandbox = SandboxProcess.withSettings(Map.of("SANDBOX_PORT", "8090"));
    List<String> arguments = new ArrayList<>(List.of(args));
    sandbox.cspflowProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
    // The sandbox posts Partner Center's events (a change in "Microsoft's" portal) to this cspflow
    arguments.add("--cspflow.csp.events.callback-url=http://127.0.0.1:${server.port:8080}/api/partner-center/events");
    CspflowApplication.main(arguments.toArray(String[]::new));
  }
}
