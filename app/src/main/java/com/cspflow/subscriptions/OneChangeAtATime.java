package com.cspflow.subscriptions;

import com.cspflow.platform.ConflictingProcessInput;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A subscription has one change running at a time, whatever its kind. A seat change makes Microsoft delete the next
 * term scheduled for the renewal, and the seat change then schedules again the one it found when it was asked for: a
 * change at renewal made in between was undone by that, silently (both changes completed, the old next term back).
 * A change asked for while another runs is a conflict (409) naming the one that runs, and the partner asks again once
 * it is done, when what it reads is what the subscription is.
 */
@Component
public class OneChangeAtATime {

  private final List<SubscriptionChangeKind> kinds;

  public OneChangeAtATime(List<SubscriptionChangeKind> kinds) {
    this.kinds = kinds;
  }

  /**
   * Called with the subscription's row locked ({@link SubscriptionRepository#findForUpdate}) by a change that records
   * itself in the same transaction: of two changes asked for at once, the second waits for the lock and then sees the
   * first.
   */
  public void refuseWhileAnotherRuns(String subscriptionId) {
    for (SubscriptionChangeKind kind : kinds) {
      if (kind.inProgressFor(subscriptionId)) {
        throw new ConflictingProcessInput("subscriptionId", "already has a " + kind.kindName()
            + " in progress; try again when it is done");
      }
    }
  }
}
