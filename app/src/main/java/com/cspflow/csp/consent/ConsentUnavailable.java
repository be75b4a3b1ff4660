package com.cspflow.csp.consent;

import com.cspflow.csp.CspTechnicalException;
import java.util.Map;

/**
 * An app+user call cannot be made: no consent is stored, or Microsoft refused the stored one. A technical failure, so
 * the job retries and then waits as an incident whose message says how to renew the consent; storing a new one
 * retries those incidents ({@link ConsentService#renew}). Every message starts with {@link #MARKER}, which is how
 * those incidents are found again. It never holds a token.
 */
public class ConsentUnavailable extends CspTechnicalException {

  /** The start of every message, and of the incidents these failures become. */
  public static final String MARKER = "Partner Center consent";

  /** What an operator does; the README's "Going live" says it at length. */
  static final String HOW_TO_RENEW = "A partner user with the Admin agent role signs in to cspflow's app "
      + "registration once more, with MFA, and an administrator stores the new refresh token with PUT "
      + "/api/admin/csp-consent {\"refreshToken\": \"...\"} (README, \"Going live\"); the calls waiting for it are "
      + "then retried by themselves.";

  private static final Map<Integer, String> WHY = Map.of(
      70000, "the refresh token is unknown or was already used",
      700082, "it expired after being unused for too long",
      50173, "it was revoked (the user's sessions were revoked or the password changed)",
      50076, "it was given without multi-factor authentication",
      50078, "its multi-factor authentication expired");

  private ConsentUnavailable(String message) {
    super(message);
  }

  static ConsentUnavailable missing() {
    return new ConsentUnavailable(MARKER + " missing: no refresh token is stored, so no app+user call can be made. "
        + "Set CSPFLOW_CSP_REFRESH_TOKEN before the first start, or: " + HOW_TO_RENEW);
  }

  static ConsentUnavailable refused(ConsentState state) {
    return new ConsentUnavailable(MARKER + " refused by Microsoft on " + state.refusedAt() + ": "
        + WHY.getOrDefault(state.refusalCode(), "AADSTS" + state.refusalCode()) + " (" + state.refusal()
        + "). App+user calls wait and the token endpoint is not asked again with it. " + HOW_TO_RENEW);
  }
}
