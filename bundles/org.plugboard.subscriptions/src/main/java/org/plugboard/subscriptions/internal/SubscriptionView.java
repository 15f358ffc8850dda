package org.plugboard.subscriptions.internal;

/**
 * A subscription as other threads (the console) see it: an immutable snapshot the layer's thread publishes.
 *
 * @param expiresAt   wall-clock millis
 * @param lastVersion version of the last NOTIFY sent, -1 before the first
 * @param lastStatus  the answer to it ({@code 200 OK}), empty while none came
 * @param lastNotifyAt when it was sent (millis), -1 before the first
 * @param pending     a NOTIFY is unanswered
 */
public record SubscriptionView(String subscriber, String resource, String event, String callId, String target, long expiresAt,
        long lastVersion, String lastStatus, long lastNotifyAt, boolean pending) {
}
