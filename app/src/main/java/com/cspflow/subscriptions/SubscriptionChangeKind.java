package com.cspflow.subscriptions;

/**
 * A kind of change of a subscription that runs as a process at Microsoft (its seats, what happens at its renewal),
 * answered for by the feature that owns its records; {@link OneChangeAtATime} asks every kind.
 */
public interface SubscriptionChangeKind {

  /** The kind as a conflict names it: "quantity change". */
  String kindName();

  boolean inProgressFor(String subscriptionId);
}
