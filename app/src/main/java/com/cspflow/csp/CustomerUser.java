package com.cspflow.csp;

public record CustomerUser(String id, String userPrincipalName, String displayName) {}
