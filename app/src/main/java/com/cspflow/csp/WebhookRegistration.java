package com.cspflow.csp;

import java.util.List;

/**
 * The partner's webhook at Partner Center: the address it posts events to and the events it posts (names such as
 * {@code subscription-updated}). A partner has one.
 */
public record WebhookRegistration(String callbackUrl, List<String> events) {

  public WebhookRegistration {
    events = List.copyOf(events);
  }

  /** Whether this registration sends every event of {@code wanted} to the same address. */
  public boolean covers(WebhookRegistration wanted) {
    return callbackUrl.equals(wanted.callbackUrl()) && events.containsAll(wanted.events());
  }
}
