package org.plugboard.subscriptions.internal;

import java.util.List;

import javax.sip.address.Address;
import javax.sip.address.URI;

import org.plugboard.api.sip.NextHop;

/**
 * One subscription and its dialog (RFC 6665 section 4.1.2.2: the SUBSCRIBE's 200 creates it; we are the notifier, the
 * dialog's UAS). Owned by the layer's thread: only it reads and writes these fields; other threads see
 * {@link SubscriptionView} snapshots.
 */
final class Subscription {
    /** Unanswered NOTIFYs older than this are taken as lost (an update of the SIP stack loses its transactions). */
    static final long LOST_MILLIS = 40_000;

    // who watches what
    final String event;
    final String eventId;
    final String subscriber;
    final String resource;
    final String entity;

    // the dialog
    final String callId;
    final String localTag;
    final String remoteTag;
    /** To of the SUBSCRIBE (our side; From of our NOTIFYs, with {@link #localTag}). */
    final Address localAddress;
    /** From of the SUBSCRIBE (the subscriber; To of our NOTIFYs, with {@link #remoteTag}). */
    final Address remoteAddress;
    final List<Address> routeSet;
    URI remoteTarget;
    NextHop hop;
    final String profile;
    long localCseq;
    long remoteCseq;

    // the subscription
    long expiresAt;
    /** The RFC 4235 version of the next NOTIFY: 0 first, then one more per NOTIFY. */
    long version;
    /** The resource's state changed since the last NOTIFY (or one is owed after a SUBSCRIBE). */
    boolean dirty;
    /** Set when the subscription ends: the reason of the final NOTIFY still to send. */
    String terminateReason;
    Runnable cancelExpiry = () -> { };

    // the NOTIFY in flight: at most one per subscription, so NOTIFYs arrive in order and changes coalesce
    long inFlightCseq = -1;
    long inFlightSince;
    Runnable cancelLost = () -> { };

    // for the console
    long lastNotifyAt = -1;
    long lastVersion = -1;
    String lastStatus = "";

    Subscription(String event, String eventId, String subscriber, String resource, String entity, String callId, String localTag,
            String remoteTag, Address localAddress, Address remoteAddress, List<Address> routeSet, URI remoteTarget, NextHop hop,
            String profile, long remoteCseq) {
        this.event = event;
        this.eventId = eventId;
        this.subscriber = subscriber;
        this.resource = resource;
        this.entity = entity;
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.routeSet = List.copyOf(routeSet);
        this.remoteTarget = remoteTarget;
        this.hop = hop;
        this.profile = profile;
        this.remoteCseq = remoteCseq;
    }

    /** The dialog's key: its Call-ID and our tag, which we chose and which is unique. */
    String key() {
        return key(callId, localTag);
    }

    static String key(String callId, String localTag) {
        return callId + ";" + localTag;
    }

    boolean awaitingAnswer(long now) {
        return inFlightCseq >= 0 && now - inFlightSince < LOST_MILLIS;
    }

    long secondsLeft(long now) {
        return Math.max(0, (expiresAt - now + 999) / 1000);
    }

    SubscriptionView view() {
        return new SubscriptionView(subscriber, resource, event, callId, hop.host() + ":" + hop.port() + "/" + hop.transport(),
                expiresAt, lastVersion, lastStatus, lastNotifyAt, inFlightCseq >= 0);
    }

    @Override
    public String toString() {
        return subscriber + " -> " + event + ":" + resource + " (" + callId + ")";
    }
}
