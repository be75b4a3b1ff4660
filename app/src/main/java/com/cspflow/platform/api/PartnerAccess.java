package com.cspflow.platform.api;

import com.cspflow.platform.input.PartnerId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.cspflow.platform.security.ApiCaller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Every call of the project API acts for one partner, named in its path. A partner's client may act for and read its
 * own partner only; the marketplace's portal, the back office and administrators act for any partner they name;
 * operators read any. For anything else the answer is 404, as for a partner that does not exist: only the partner's
 * first setup may name one that does not exist yet, since it creates it.
 *
 * <p>Partners are not deleted, so a partner once found is remembered (for every node: no node can make it untrue),
 * and a busy integration's calls do not each read the partner's row. A partner not found is asked again on the next
 * request, as it may be set up meanwhile; only a committed row is remembered, never what an open transaction reads.
 */
@Component
public class PartnerAccess {

  static final int REMEMBERED = 100_000;

  private final JdbcClient jdbc;
  private final Cache<String, Boolean> knownPartners = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  public PartnerAccess(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The caller, if it may change things for this partner and the partner exists; else 404, so that nothing is
   * stored for a partner that does not exist (the portal may name any).
   */
  public ApiCaller actingFor(String partnerId) {
    ApiCaller caller = settingUp(partnerId);
    if (!exists(partnerId)) {
      throw new NotFound("No partner " + partnerId);
    }
    return caller;
  }

  /** The caller, if it may set this partner up: as {@link #actingFor}, but the partner need not exist yet. */
  public ApiCaller settingUp(String partnerId) {
    ApiCaller caller = ApiCaller.current();
    if (caller.actsForAnyPartner() || partnerId.equals(caller.partnerId())) {
      return caller;
    }
    throw new NotFound("No partner " + partnerId);
  }

  /**
   * The caller, if it may read this partner's data and the partner exists; else 404, so that a list of a partner
   * that does not exist is not mistaken for an empty one.
   */
  public ApiCaller readingFor(String partnerId) {
    ApiCaller caller = ApiCaller.current();
    if ((caller.readsAnyPartner() || partnerId.equals(caller.partnerId())) && exists(partnerId)) {
      return caller;
    }
    throw new NotFound("No partner " + partnerId);
  }

  /**
   * Whether the partner exists. A malformed id is not looked up (true): its request is refused with 400 naming it, as
   * any malformed field.
   */
  public boolean exists(String partnerId) {
    if (!partnerId.matches(PartnerId.PATTERN) || knownPartners.getIfPresent(partnerId) != null) {
      return true;
    }
    // PartnerScope asks before the controller, the controller again: one look-up per request.
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    String known = "cspflow.partnerExists." + partnerId;
    if (request != null && request.getAttribute(known, RequestAttributes.SCOPE_REQUEST) instanceof Boolean exists) {
      return exists;
    }
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM partner WHERE id = :id").param("id", partnerId).query(Long.class)
        .single() > 0;
    if (request != null) {
      request.setAttribute(known, exists, RequestAttributes.SCOPE_REQUEST);
    }
    if (exists && !TransactionSynchronizationManager.isActualTransactionActive()) {
      knownPartners.put(partnerId, true);
    }
    return exists;
  }
}
