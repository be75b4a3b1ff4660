package com.cspflow.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application under test at the CSP sandbox process, as an installation is pointed at Microsoft. */
public class SandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getEnvironment().getPropertySources().addFirst(
        new MapPropertySource("csp-sandbox", SandboxProcess.forTests().cspflowProperties()));
  }
}
