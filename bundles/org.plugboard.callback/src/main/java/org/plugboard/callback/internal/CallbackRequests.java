package org.plugboard.callback.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a datagram gets: dropped and counted (a sender not allowed, or over its rate), an error answer (too large,
 * malformed, refused), or an originated call whose progress goes back to the sender. Runs on the listener's I/O
 * thread; {@link CallControl#originate} returns at once. Logging is bounded: one line a minute per kind of drop.
 */
final class CallbackRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackRequests.class);
    private static final long MINUTE = 60_000_000_000L;

    /** The limits of one configuration. */
    record Limits(int maxDatagramBytes, int answerTimeoutSeconds, int maxLive, int repeatWindowSeconds) {
    }

    private final CallControl calls;
    private final SenderGate gate;
    private final Limits limits;
    private final Replies replies;
    private final CallbackCounters counters;
    private final LongSupplier nanos;
    private final RecentRequests recent;
    private long lastDisallowedLog = Long.MIN_VALUE;
    private long lastFloodLog = Long.MIN_VALUE;
    private long lastBadLog = Long.MIN_VALUE;

    CallbackRequests(CallControl calls, SenderGate gate, Limits limits, Replies replies, CallbackCounters counters, LongSupplier nanos) {
        this.calls = calls;
        this.gate = gate;
        this.limits = limits;
        this.replies = replies;
        this.counters = counters;
        this.nanos = nanos;
        this.recent = new RecentRequests(limits.repeatWindowSeconds(), nanos);
    }

    /** @param size the datagram's size as received (more than the limit: it was truncated to {@code data}) */
    void datagram(InetSocketAddress sender, byte[] data, int size) {
        counters.received.incrementAndGet();
        switch (gate.admit(sender.getAddress())) {
            case DISALLOWED -> {
                long n = counters.disallowed.incrementAndGet();
                if (due(lastDisallowedLog)) {
                    lastDisallowedLog = nanos.getAsLong();
                    LOG.warn("Call-back request from {} dropped: that address is not in allowedAddresses of org.plugboard.callback "
                            + "({} dropped so far; at most one such line a minute)", sender.getAddress().getHostAddress(), n);
                }
                return;
            }
            case FLOOD -> {
                long n = counters.flooded.incrementAndGet();
                if (due(lastFloodLog)) {
                    lastFloodLog = nanos.getAsLong();
                    LOG.warn("Call-back requests from {} over requestsPerSecond dropped ({} so far; at most one such line a minute)",
                            sender.getAddress().getHostAddress(), n);
                }
                return;
            }
            case PASS -> {
            }
        }
        if (size > limits.maxDatagramBytes()) {
            counters.oversized.incrementAndGet();
            reject(sender, "-", 413, "datagram larger than " + limits.maxDatagramBytes() + " bytes (maxDatagramBytes)");
            return;
        }
        CallbackProtocol.Request request = CallbackProtocol.parse(data);
        if (request instanceof CallbackProtocol.Bad bad) {
            reject(sender, bad.id(), 400, bad.reason());
        } else if (request instanceof CallbackProtocol.Ping ping) {
            replies.send(sender, CallbackProtocol.pong(ping.id()));
        } else if (request instanceof CallbackProtocol.Cancel c) {
            cancel(sender, c);
        } else if (request instanceof CallbackProtocol.Originate o) {
            originate(sender, o);
        }
    }

    private void originate(InetSocketAddress sender, CallbackProtocol.Originate o) {
        RecentRequests.Entry first = limits.repeatWindowSeconds() > 0 ? recent.find(sender.getAddress(), o.id()) : null;
        if (first != null) { // its ACCEPTED was lost, most likely: tell it again, and where the call stands
            counters.repeated.incrementAndGet();
            replies.send(sender, CallbackProtocol.accepted(o.id(), first.callId()));
            String status = first.progress().lastReport();
            if (status != null) {
                replies.send(sender, status);
            }
            return;
        }
        OriginateRequest request;
        try {
            int timeout = o.timeoutSeconds() == null ? limits.answerTimeoutSeconds() : o.timeoutSeconds();
            request = new OriginateRequest(o.first(), o.second(), o.name(), Duration.ofSeconds(timeout),
                    "callback:" + sender.getAddress().getHostAddress(), o.id());
        } catch (IllegalArgumentException e) {
            reject(sender, o.id(), 400, e.getMessage());
            return;
        }
        if (counters.live.incrementAndGet() > limits.maxLive()) {
            counters.live.decrementAndGet();
            reject(sender, o.id(), 503, limits.maxLive() + " call-back calls are being set up or up (maxLive): try again later");
            return;
        }
        ProgressReports progress = new ProgressReports(replies, sender, o.id(), counters);
        String callId;
        try {
            callId = calls.originate(request, progress);
        } catch (RuntimeException e) {
            counters.live.decrementAndGet();
            reject(sender, o.id(), 503, "the PBX cannot take the call now: " + e.getMessage());
            return;
        }
        counters.accepted.incrementAndGet();
        recent.remember(sender.getAddress(), o.id(), callId, progress);
        LOG.info("Call-back {} from {}: call {} connects {} and {}", o.id(), sender.getAddress().getHostAddress(), callId, o.first(), o.second());
        progress.accepted(callId);
    }

    /** Ends the call of an earlier ORIGINATE of the same sender; its outcome follows as that request's events. */
    private void cancel(InetSocketAddress sender, CallbackProtocol.Cancel c) {
        RecentRequests.Entry e = recent.find(sender.getAddress(), c.id());
        if (e == null) {
            reject(sender, c.id(), 404, "no call-back id=" + c.id() + " from this address is pending or up: CANCEL names the id of an "
                    + "accepted ORIGINATE from the same address");
        } else if (!e.progress().cancel(() -> calls.hangup(e.callId(), CallTag.ADMIN_HANGUP),
                () -> replies.send(sender, CallbackProtocol.cancelled(c.id(), e.callId())))) {
            reject(sender, c.id(), 404, "call-back id=" + c.id() + " (call " + e.callId() + ") has already ended");
        } else {
            counters.cancelled.incrementAndGet();
            LOG.info("Call-back {} from {}: call {} cancelled by the requester", c.id(), sender.getAddress().getHostAddress(), e.callId());
        }
    }

    private void reject(InetSocketAddress sender, String id, int code, String reason) {
        long n = counters.rejected.incrementAndGet();
        if (due(lastBadLog)) {
            lastBadLog = nanos.getAsLong();
            LOG.info("Call-back request from {} refused with {}: {} ({} refused so far; at most one such line a minute)",
                    sender.getAddress().getHostAddress(), code, CallbackProtocol.clean(reason), n);
        }
        replies.send(sender, CallbackProtocol.error(id, code, reason));
    }

    private boolean due(long last) {
        return last == Long.MIN_VALUE || nanos.getAsLong() - last >= MINUTE;
    }
}
