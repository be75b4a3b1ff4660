package com.cspflow.csp.consent;

import java.time.Instant;

/**
 * What is known about the stored Partner Center consent, never the token itself.
 *
 * @param version how many consents were stored so far (a person's new sign-in; rotations do not count)
 * @param givenAt when this consent was stored
 * @param givenBy who stored it: an administrator's id, or {@link ConsentStore#CONFIGURATION} for the seed
 * @param lastUsedAt when a refresh token of it was last redeemed; null while unused
 * @param expiresIfUnusedAt when Microsoft lets it expire if nothing redeems it before (AADSTS700082)
 * @param refusedAt when Microsoft refused it; null while it works
 * @param refusalCode the AADSTS code of the refusal (70000, 700082, 50173, 50076, 50078)
 * @param refusal Microsoft's reason, its first line
 */
public record ConsentState(int version, Instant givenAt, String givenBy, Instant lastUsedAt,
    Instant expiresIfUnusedAt, Instant refusedAt, Integer refusalCode, String refusal) {

  public boolean refused() {
    return refusedAt != null;
  }
}
