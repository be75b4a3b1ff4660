package com.cspflow.partnersetup;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.PartnerProfile;
import com.cspflow.platform.InputCheck;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A partner adds the Microsoft 365 service once: contact person and a verified MPN ID. */
@Service
public class PartnerSetupService {

  /** Microsoft partner ids (MPN ID, now "PartnerID") are numbers of up to ten digits. */
  static final Pattern MPN_ID = Pattern.compile("[0-9]{1,10}");

  private final PartnerRepository partners;
  private final CspPort csp;
  private final Clock clock;

  public PartnerSetupService(PartnerRepository partners, CspPort csp, Clock clock) {
    this.partners = partners;
    this.csp = csp;
    this.clock = clock;
  }

  /** Records the request; refuses bad input and a partner whose service is already active or being set up. */
  @Transactional
  public void request(Object partnerId, Object mpnId, Object contactName, Object contactEmail) {
    InputCheck input = new InputCheck();
    String id = input.text("partnerId", partnerId, 64);
    String mpn = input.matching("mpnId", mpnId, MPN_ID, "must be the Microsoft partner id: digits only, at most 10");
    String name = input.text("contactName", contactName, 100);
    String email = input.email("contactEmail", contactEmail);
    if (id != null) {
      partners.find(id).filter(p -> p.status() != Partner.Status.REJECTED).ifPresent(p -> input.problem("partnerId",
          p.active() ? "already has the Microsoft 365 service" : "is already adding the Microsoft 365 service"));
    }
    input.throwIfInvalid();
    partners.savePending(id, mpn, name, email, clock.instant());
  }

  /** Asks Microsoft whether the MPN ID is real; a refusal is a {@code CspBusinessException}. */
  public PartnerProfile verify(String partnerId) {
    Partner partner = partners.find(partnerId).orElseThrow();
    return csp.verifyPartner(partner.mpnId());
  }

  @Transactional
  public void activate(String partnerId, String microsoftName) {
    partners.activate(partnerId, microsoftName, clock.instant());
  }

  @Transactional
  public void reject(String partnerId, String reason) {
    partners.reject(partnerId, reason);
  }
}
