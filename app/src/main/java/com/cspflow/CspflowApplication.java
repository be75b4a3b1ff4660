package com.cspflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CspflowApplication {

  public static void main(String[] args) {
    // Partner Center signs its webhook events with a certificate whose intermediate authority is not in the JDK's
    // trust store: let the chain be completed from the certificate's own "CA issuers" address, as Windows does.
    if (System.getProperty("com.sun.security.enableAIAcaIssuers") == null) {
      System.setProperty("com.sun.security.enableAIAcaIssuers", "true");
    }
    SpringApplication.run(CspflowApplication.class, args);
  }
}
