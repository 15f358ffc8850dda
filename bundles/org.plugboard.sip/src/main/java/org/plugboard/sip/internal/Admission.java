package org.plugboard.sip.internal;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * Whether a new request may start work, decided on the receive path before the stack makes a transaction (see
 * docs/overload.md). Two signals, each off at 0: the rate of new requests (a token bucket holding one second's
 * worth, like Kamailio's ratelimit "TAILDROP") and the receive-path lag (how long the oldest datagram has waited in
 * the stack's queue: what a server past its limit shows first). Only out-of-dialog requests that open work are
 * judged; OPTIONS, ACK, CANCEL and in-dialog requests always pass, so calls that are up can end and probes answer.
 * Plain code with an injected clock; thread-safe.
 */
final class Admission {
    /** Methods whose out-of-dialog request never costs a transaction worth refusing, or must get through. */
    private static final Set<String> ALWAYS = Set.of(Request.ACK, Request.CANCEL, Request.OPTIONS, Request.BYE, Request.PRACK);
    /** To-tag prefix of our stateless refusals: their ACKs are dropped here, nobody else knows them. */
    static final String TAG_PREFIX = "ovl";

    /** @param maxRate new requests per second, 0 = no limit; @param maxLagMillis 0 = no limit */
    record Limits(int maxRate, long maxLagMillis, int retryAfter) {
        static final Limits OFF = new Limits(0, 0, 5);
    }

    enum Verdict { ADMIT, OVER_RATE, OVER_LAG }

    private final LongSupplier nanos;
    private volatile Limits limits = Limits.OFF;
    private double tokens;
    private long refilledAt;
    final LongAdder rejectedRate = new LongAdder();
    final LongAdder rejectedLag = new LongAdder();
    final LongAdder acksDropped = new LongAdder();
    private volatile long lastLagMillis;

    Admission(LongSupplier nanos) {
        this.nanos = nanos;
        this.refilledAt = nanos.getAsLong();
    }

    synchronized void configure(Limits next) {
        limits = next;
        tokens = next.maxRate();
        refilledAt = nanos.getAsLong();
    }

    Limits limits() {
        return limits;
    }

    /** The receive-path lag seen by the last judged request, ms (for the console and /metrics). */
    long lastLagMillis() {
        return lastLagMillis;
    }

    /** An out-of-dialog request that opens work (INVITE, REGISTER, SUBSCRIBE, MESSAGE, ...). */
    static boolean opensWork(SIPRequest request) {
        return !ALWAYS.contains(request.getMethod()) && (request.getTo() == null || request.getTo().getTag() == null);
    }

    /** An ACK for one of our stateless refusals. */
    static boolean acksRefusal(SIPRequest request) {
        if (!Request.ACK.equals(request.getMethod()) || request.getTo() == null) {
            return false;
        }
        String tag = request.getTo().getTag();
        return tag != null && tag.startsWith(TAG_PREFIX);
    }

    /** What a REGISTER may wait more than other new requests before the lag refuses it (see {@link #judge(long, String)}). */
    static final int REGISTER_LAG_FACTOR = 2;

    /** Judges one new request of no particular method (see {@link #judge(long, String)}). */
    Verdict judge(long lagMillis) {
        return judge(lagMillis, null);
    }

    /**
     * Judges one new request (not a retransmission of an admitted one: the caller checks that first). Under lag a
     * REGISTER is refused only past twice the limit: new calls are shed first and registration refreshes keep
     * getting through (Kamailio's per-method pipes), so a lag that passes does not also unregister the phones and
     * bring them back all at once. The rate limit treats every method alike.
     * @param lagMillis how long the oldest queued message has waited now
     * @param method its method, or null
     */
    Verdict judge(long lagMillis, String method) {
        Limits l = limits;
        lastLagMillis = lagMillis;
        long maxLag = Request.REGISTER.equals(method) ? l.maxLagMillis() * REGISTER_LAG_FACTOR : l.maxLagMillis();
        if (maxLag > 0 && lagMillis > maxLag) {
            rejectedLag.increment();
            return Verdict.OVER_LAG;
        }
        if (l.maxRate() > 0 && !take(l.maxRate())) {
            rejectedRate.increment();
            return Verdict.OVER_RATE;
        }
        return Verdict.ADMIT;
    }

    private synchronized boolean take(int rate) {
        long now = nanos.getAsLong();
        tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
