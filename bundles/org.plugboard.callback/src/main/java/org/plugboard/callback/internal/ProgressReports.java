package org.plugboard.callback.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;

/**
 * An accepted request's progress, sent to its sender as {@code EVENT} datagrams. Called on the call's strand: it
 * only hands a datagram to the listener's channel (never waits for it). Events that come before the
 * {@code ACCEPTED} answer left (the strand may be quicker than the I/O thread) wait for it, so the requester always
 * sees ACCEPTED first.
 */
final class ProgressReports implements OriginateListener {
    private final Replies replies;
    private final InetSocketAddress sender;
    private final String id;
    private final CallbackCounters counters;
    private String callId;
    private final List<Function<String, String>> early = new ArrayList<>();
    /** The last report sent: what a repeated request is told besides ACCEPTED. */
    private volatile String last;
    /** failed or ended came: the call is over. */
    private volatile boolean finished;

    ProgressReports(Replies replies, InetSocketAddress sender, String id, CallbackCounters counters) {
        this.replies = replies;
        this.sender = sender;
        this.id = id;
        this.counters = counters;
    }

    /** The call was started: ACCEPTED goes, then what happened meanwhile. */
    synchronized void accepted(String callId) {
        this.callId = callId;
        replies.send(sender, CallbackProtocol.accepted(id, callId));
        early.forEach(this::send);
        early.clear();
    }

    private synchronized void report(Function<String, String> event) {
        if (callId == null) {
            early.add(event);
        } else {
            send(event);
        }
    }

    private void send(Function<String, String> event) {
        String text = event.apply(callId);
        last = text;
        replies.send(sender, text);
    }

    /**
     * CANCEL: hangs the call up and confirms it before any event the hang-up causes (the strand's reports wait for
     * this lock, held only while the hang-up is queued and the answer handed to the channel).
     *
     * @return false when the call had already ended
     */
    synchronized boolean cancel(BooleanSupplier hangup, Runnable confirm) {
        if (finished || !hangup.getAsBoolean()) {
            return false;
        }
        confirm.run();
        return true;
    }

    /** The last progress report sent to the requester, null before the first. */
    String lastReport() {
        return last;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public void firstRinging() {
        report(call -> CallbackProtocol.event(id, call, "ringing", "party=1", null));
    }

    @Override
    public void firstAnswered() {
        report(call -> CallbackProtocol.event(id, call, "answered", "party=1", null));
    }

    @Override
    public void secondRinging() {
        report(call -> CallbackProtocol.event(id, call, "ringing", "party=2", null));
    }

    @Override
    public void connected(String callId) {
        counters.connected.incrementAndGet();
        report(call -> CallbackProtocol.event(id, call, "connected", "", null));
    }

    @Override
    public void failed(int party, int status, String reason) {
        counters.failed.incrementAndGet();
        counters.live.decrementAndGet();
        finished = true;
        report(call -> CallbackProtocol.event(id, call, "failed", "party=" + party + " status=" + status, reason));
    }

    @Override
    public void ended(CallTag tag) {
        counters.live.decrementAndGet();
        finished = true;
        report(call -> CallbackProtocol.event(id, call, "ended", "tag=" + tag, null));
    }
}
