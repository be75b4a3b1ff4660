package com.cspflow.csp.consent;

/**
 * A person's new consent was stored: access tokens redeemed from the one it replaced should not be used any more
 * (they may be a different user's, or the reason it was replaced).
 */
public record ConsentRenewed(int version) {}
