package com.cspflow.csp;

public record PartnerProfile(String mpnId, String partnerName) {}
