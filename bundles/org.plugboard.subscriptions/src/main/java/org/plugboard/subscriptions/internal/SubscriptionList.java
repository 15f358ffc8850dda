package org.plugboard.subscriptions.internal;

import java.util.List;

/** The live subscriptions for the console (a private service of this bundle). */
public interface SubscriptionList {
    /** Snapshots, ordered by resource, event and subscriber. */
    List<SubscriptionView> subscriptions();

    /** The events of the packages installed now. */
    List<String> events();
}
