package org.plugboard.subscriptions.internal;

/** Reason codes of {@code Subscription-State: terminated} (RFC 6665 4.1.3) the layer uses. */
final class SubscriptionStateReasons {
    /** Expired, or ended by the subscriber with {@code Expires: 0}. */
    static final String TIMEOUT = "timeout";
    /** The event package is gone (uninstalled). */
    static final String NO_RESOURCE = "noresource";

    private SubscriptionStateReasons() {
    }
}
