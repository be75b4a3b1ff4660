package com.cspflow.partnercenterevents;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.WebhookRegistration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the partner's webhook at Partner Center pointed at cspflow ({@code cspflow.csp.events.callback-url}) with the
 * events it needs: when the application is ready, then every {@code registration-check}. A partner has one
 * registration: one to another address is taken over (and said so in the log), the events it had are kept. Every
 * node checks; the check is idempotent. Without a callback address nothing is registered, and the incremental
 * monthly update relies on the activity log, renewal dates and cspflow's own changes alone.
 */
@Component
class WebhookRegistrar {

  enum Outcome { NOT_CONFIGURED, UP_TO_DATE, REGISTERED, FAILED }

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistrar.class);

  private final CspPort csp;
  private final Environment environment;
  private final PartnerCenterEventsProperties properties;

  WebhookRegistrar(CspPort csp, Environment environment, PartnerCenterEventsProperties properties) {
    this.csp = csp;
    this.environment = environment;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void whenReady() {
    check();
  }

  @Scheduled(fixedDelayString = "${cspflow.csp.events.registration-check:PT1H}",
      initialDelayString = "${cspflow.csp.events.registration-check:PT1H}")
  void regularly() {
    check();
  }

  /** Registers or corrects the webhook when it differs from what cspflow wants; never throws. */
  Outcome check() {
    return check(environment.getProperty("cspflow.csp.events.callback-url", "").trim());
  }

  /** The same for the address {@code callbackUrl} (empty: nothing to register). */
  Outcome check(String callbackUrl) {
    if (callbackUrl.isEmpty()) {
      return Outcome.NOT_CONFIGURED;
    }
    try {
      Optional<WebhookRegistration> current = csp.webhookRegistration();
      WebhookRegistration wanted = new WebhookRegistration(callbackUrl, properties.events());
      if (current.isPresent() && current.get().covers(wanted)) {
        return Outcome.UP_TO_DATE;
      }
      Set<String> events = new LinkedHashSet<>(properties.events());
      current.ifPresent(c -> events.addAll(c.events()));
      if (current.isPresent() && !current.get().callbackUrl().equals(callbackUrl)) {
        LOG.warn("The partner's webhook pointed at {}; it now points at {}", current.get().callbackUrl(),
            callbackUrl);
      }
      csp.registerWebhook(new WebhookRegistration(callbackUrl, List.copyOf(events)), current.isPresent());
      LOG.info("Partner Center posts {} to {}", events, callbackUrl);
      return Outcome.REGISTERED;
    } catch (RuntimeException e) {
      LOG.warn("The partner's webhook could not be registered at Partner Center ({}); tried again in {}. Until then "
          + "the incremental monthly update does not learn of Microsoft's own changes", e.getMessage(),
          properties.registrationCheck());
      return Outcome.FAILED;
    }
  }
}
