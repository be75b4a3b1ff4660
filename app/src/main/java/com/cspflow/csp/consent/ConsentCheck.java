package com.cspflow.csp.consent;

/** Microsoft's sign-in, asked about a refresh token before it is stored as the consent. */
public interface ConsentCheck {

  /**
   * Redeems {@code refreshToken} once: the rotated token to store when Microsoft accepts the consent, its refusal
   * when not.
   *
   * @throws com.cspflow.csp.CspTechnicalException when Microsoft's sign-in cannot be reached or refuses the app
   *     registration itself
   */
  ConsentStore.Redemption<Void> tryOut(String refreshToken);
}
