package com.cspflow.platform.api;

import com.cspflow.platform.security.ApiCaller;
import org.springframework.stereotype.Component;

/**
 * Every call of the project API acts for one partner, named in its path. A partner's client may act for and read its
 * own partner only; the marketplace's portal, the back office and administrators act for any partner they name;
 * operators read any. For anything else the answer is 404, as for a partner that does not exist.
 */
@Component
public class PartnerAccess {

  /** The caller, if it may change things for this partner; else 404. */
  public ApiCaller actingFor(String partnerId) {
    ApiCaller caller = ApiCaller.current();
    if (caller.actsForAnyPartner() || partnerId.equals(caller.partnerId())) {
      return caller;
    }
    throw new NotFound("No partner " + partnerId);
  }

  /** The caller, if it may read this partner's data; else 404. */
  public ApiCaller readingFor(String partnerId) {
    ApiCaller caller = ApiCaller.current();
    if (caller.readsAnyPartner() || partnerId.equals(caller.partnerId())) {
      return caller;
    }
    throw new NotFound("No partner " + partnerId);
  }
}
