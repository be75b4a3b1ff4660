package com.cspflow.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a GreenMail SMTP server on a free port (other builds on this machine may hold GreenMail's default
 * 3025), points spring.mail.host/port at it and offers it as the bean {@code greenMail}. An initializer rather
 * than a per-class property source, so every test class using {@link CspflowSmtpTest} shares one context.
 */
public class GreenMailInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    GreenMail greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("greenmail", Map.of(
        "spring.mail.host", "127.0.0.1", "spring.mail.port", greenMail.getSmtp().getPort())));
    context.getBeanFactory().registerSingleton("greenMail", greenMail);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        greenMail.stop();
      }
    });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
