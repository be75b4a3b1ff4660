package com.cspflow.csp;

/**
 * Whether the partner may act as an administrator in a customer's tenant the way cspflow needs to (list its users,
 * reset its first Global Administrator's password), and if not, what exactly is missing: no active GDAP
 * relationship, a relationship without the role, or the role not assigned to the partner's agent security group.
 *
 * @param explanation for people: what is missing and how to arrange it; null when nothing is
 */
public record AdminAccess(Missing missing, String explanation) {

  /** The first thing missing, in the order a partner arranges them. */
  public enum Missing { NOTHING, RELATIONSHIP, ROLE, GROUP_ASSIGNMENT }

  public static AdminAccess granted() {
    return new AdminAccess(Missing.NOTHING, null);
  }

  public boolean isGranted() {
    return missing == Missing.NOTHING;
  }
}
