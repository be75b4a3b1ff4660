package com.cspflow.partnersetup;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.PartnerProfile;
import com.cspflow.platform.ConflictingProcessInput;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A partner adds the Microsoft 365 service once: contact person and a verified MPN ID. */
@Service
public class PartnerSetupService {

  public static final String PROCESS_KEY = "partnerSetup";

  private final PartnerRepository partners;
  private final CspPort csp;
  private final Clock clock;

  public PartnerSetupService(PartnerRepository partners, CspPort csp, Clock clock) {
    this.partners = partners;
    this.csp = csp;
    this.clock = clock;
  }

  /**
   * Records the request; a partner whose service is already active or being set up is a conflict (409), also when
   * two requests for one partner arrive at the same moment. So is an id that differs from an existing partner's only
   * in letter case: people and partners' systems would take "Partner-1" for "partner-1", and orders, prices and
   * API clients would go to the wrong one. New ids are made one at a time ({@link PartnerRepository#lockIds}), so
   * that two such setups at the same moment cannot both pass the check.
   */
  @Transactional
  public void request(AddMicrosoft365Service command) {
    String id = command.partnerId().trim();
    partners.lockIds();
    if (partners.otherCaseOf(id).isPresent()) {
      throw new ConflictingProcessInput("partnerId",
          "is taken: a partner with this id in other letter case exists; choose an id that differs in more");
    }
    partners.find(id).filter(p -> p.status() != Partner.Status.REJECTED).ifPresent(p -> {
      throw new ConflictingProcessInput("partnerId",
          p.active() ? "already has the Microsoft 365 service" : "is already adding the Microsoft 365 service");
    });
    try {
      partners.savePending(id, command.mpnId().trim(), command.contactName().trim(), command.contactEmail().trim(),
          clock.instant());
    } catch (DuplicateKeyException concurrentRequest) {
      throw new ConflictingProcessInput("partnerId", "is already adding the Microsoft 365 service");
    }
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
