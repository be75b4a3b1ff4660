package com.cspflow.support;

import com.cspflow.partnersetup.PartnerRepository;
import java.time.Instant;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * "partner-1", the partner of the embedded profile's partner system, set up and active in every test context, as on a
 * laptop after its first setup: tests that start a customer's onboarding by hand name it, and an onboarding for a
 * partner that does not exist is refused.
 */
@Component
public class PartnerOne {

  public static final String ID = "partner-1";

  private final PartnerRepository partners;

  public PartnerOne(PartnerRepository partners) {
    this.partners = partners;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void setUp() {
    if (partners.find(ID).isEmpty()) {
      partners.savePending(ID, "7654321", "Petra Partner", "petra@partner-1.example", Instant.now());
      partners.activate(ID, "cspflow Sandbox Partner", Instant.now());
    }
  }
}
