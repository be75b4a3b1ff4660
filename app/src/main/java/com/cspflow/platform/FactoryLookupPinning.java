package com.cspflow.platform;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Names the implementations of two factories that their APIs otherwise look up through a ServiceLoader scan
 * of the whole class path on every call: the engine creates a {@code javax.xml.datatype.DatatypeFactory}
 * for each job whose retry cycle it parses, and Jakarta Mail looks up its {@code StreamProvider} for each
 * mail it writes. The scan cost several percent of the CPU of an order; naming the implementation that the
 * scan would find anyway skips it. A value set on the command line wins.
 */
public class FactoryLookupPinning implements EnvironmentPostProcessor {

  static final Map<String, String> IMPLEMENTATIONS = Map.of(
      "javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl",
      "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    IMPLEMENTATIONS.forEach((factory, implementation) -> {
      if (System.getProperty(factory) == null && ClassUtils.isPresent(implementation, null)) {
        System.setProperty(factory, implementation);
      }
    });
  }
}
