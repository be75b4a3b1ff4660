package com.cspflow.monthlyupdate;

/** Where our record of a subscription differed from Microsoft's when the run read it. */
public record DriftView(String organizationId, String subscriptionId, String kind, Integer ourQuantity,
    Integer cspQuantity, String ourStatus, String cspStatus) {}
