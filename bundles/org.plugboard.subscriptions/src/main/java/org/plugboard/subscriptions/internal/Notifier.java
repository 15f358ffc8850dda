package org.plugboard.subscriptions.internal;

import java.text.ParseException;
import java.util.function.LongSupplier;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.subscription.EventPackage;
import org.plugboard.api.subscription.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier side of RFC 6665 (4.2.2): NOTIFYs with the package's current state, one unanswered at a time per
 * subscription (so they arrive in order; changes meanwhile become one NOTIFY with the newest full state), expiry,
 * and the final NOTIFY ({@code terminated}). A NOTIFY answered 481 or 408, or not at all (Timer F), ends the
 * subscription without another. Runs on the layer's thread only.
 */
final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final SubscriptionTable table;
    private final Packages packages;
    private final NotifyRequests requests;
    private final Wire wire;
    private final Timers timers;
    private final LongSupplier clock;

    Notifier(SubscriptionTable table, Packages packages, Wire wire, Timers timers, LongSupplier clock) {
        this.table = table;
        this.packages = packages;
        this.requests = new NotifyRequests(wire);
        this.wire = wire;
        this.timers = timers;
        this.clock = clock;
    }

    /** A new or refreshed subscription: (re)arms its expiry and owes it a NOTIFY with the current state (RFC 6665 4.2.1.2). */
    void accepted(Subscription s) {
        armExpiry(s);
        update(s);
    }

    /** The resource's state changed (or may have, after a package came back): a NOTIFY with the new state. */
    void update(Subscription s) {
        s.dirty = true;
        pump(s);
    }

    /** Ends the subscription: a final NOTIFY {@code terminated;reason=...} as soon as none is unanswered. */
    void terminate(Subscription s, String reason) {
        if (s.terminateReason == null) {
            s.terminateReason = reason;
        }
        s.cancelExpiry.run();
        pump(s);
    }

    void armExpiry(Subscription s) {
        s.cancelExpiry.run();
        long delay = Math.max(0, s.expiresAt - clock.getAsLong());
        s.cancelExpiry = timers.schedule(() -> {
            if (table.dialog(s.callId, s.localTag) == s) {
                LOG.info("Subscription {} expired without a refresh", s);
                terminate(s, SubscriptionStateReasons.TIMEOUT);
            }
        }, delay);
    }

    /** Sends what the subscription is owed, unless a NOTIFY is still unanswered (its answer calls this again). */
    private void pump(Subscription s) {
        long now = clock.getAsLong();
        if (s.awaitingAnswer(now)) {
            return;
        }
        EventPackage pkg = packages.get(s.event);
        if (s.terminateReason != null) {
            table.remove(s);
            send(s, s.terminateReason, pkg, now); // its answer finds no subscription: nothing more to do
            return;
        }
        if (!s.dirty || pkg == null) {
            return; // without its package the state is unknown: the package's return sends it
        }
        if (!send(s, null, pkg, now)) {
            table.remove(s);
        }
    }

    private boolean send(Subscription s, String reason, EventPackage pkg, long now) {
        byte[] body = null;
        if (pkg != null) {
            try {
                body = pkg.body(new Watch(s.subscriber, s.resource, s.entity, s.version));
            } catch (RuntimeException e) {
                LOG.warn("Event package '{}' failed to give the state of {}: {}", s.event, s.resource, e.toString());
                if (reason == null) {
                    s.dirty = false; // the next change tries again
                    return true;
                }
            }
        }
        try {
            Request r = requests.notify(s, reason, now, body, pkg == null ? null : pkg.contentType());
            wire.send(r, s.hop, s.profile);
            s.localCseq++;
            s.inFlightCseq = s.localCseq;
            s.inFlightSince = now;
            s.dirty = false;
            s.lastNotifyAt = now;
            s.lastVersion = body == null ? s.lastVersion : s.version;
            s.lastStatus = "";
            if (body != null) {
                s.version++;
            }
            armLost(s);
            table.touched();
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("Subscription {}: cannot send NOTIFY to {}:{}: {}; subscription ended", s, s.hop.host(), s.hop.port(), e.toString());
            return false;
        }
    }

    /** Watches the unanswered NOTIFY: see {@link #lost}. */
    void armLost(Subscription s) {
        long cseq = s.inFlightCseq;
        s.cancelLost.run();
        s.cancelLost = timers.schedule(() -> lost(s, cseq), Math.max(0, s.inFlightSince + Subscription.LOST_MILLIS - clock.getAsLong()));
    }

    /** No answer and no timeout within {@link Subscription#LOST_MILLIS} (an update of the SIP stack): carry on. */
    private void lost(Subscription s, long cseq) {
        if (s.inFlightCseq == cseq && table.dialog(s.callId, s.localTag) == s) {
            LOG.info("Subscription {}: NOTIFY {} was never answered; going on", s, cseq);
            s.inFlightCseq = -1;
            s.lastStatus = "no answer";
            table.touched();
            pump(s);
        }
    }

    /** An answer to one of our NOTIFYs. */
    void answered(Response r) {
        Subscription s = inFlight(r.getHeader(javax.sip.header.CallIdHeader.NAME) == null ? null : SubscribeRequests.callId(r),
                SubscribeRequests.cseq(r));
        int code = r.getStatusCode();
        if (s == null || code < 200) {
            return;
        }
        s.inFlightCseq = -1;
        s.cancelLost.run();
        s.lastStatus = code + " " + r.getReasonPhrase();
        table.touched();
        if (code == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || code == Response.REQUEST_TIMEOUT) {
            LOG.info("Subscription {} ended by the subscriber's {} to our NOTIFY", s, s.lastStatus);
            table.remove(s);
            return;
        }
        if (code >= 300) {
            LOG.warn("Subscription {}: the subscriber answered our NOTIFY {}", s, s.lastStatus);
        }
        pump(s);
    }

    /** Timer F: the subscriber did not answer a NOTIFY at all; RFC 6665 4.2.2 says remove the subscription. */
    void timedOut(Request notify) {
        Subscription s = inFlight(SubscribeRequests.callId(notify), SubscribeRequests.cseq(notify));
        if (s != null) {
            LOG.info("Subscription {} ended: no answer to NOTIFY {}", s, s.inFlightCseq);
            table.remove(s);
        }
    }

    private Subscription inFlight(String callId, long cseq) {
        if (callId == null) {
            return null;
        }
        for (Subscription s : table.withCallId(callId)) {
            if (s.inFlightCseq == cseq) {
                return s;
            }
        }
        return null;
    }
}
