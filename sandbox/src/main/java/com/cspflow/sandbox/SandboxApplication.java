package com.cspflow.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in for Microsoft Partner Center (and the few Microsoft Graph calls cspflow makes), run as a process of
 * its own: cspflow reaches it only through the HTTP client that talks to Microsoft.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(SandboxApplication.class, args);
  }
}
